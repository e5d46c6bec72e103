//! Public transport for "Leben & Arbeiten": GTFS timetables and earliest arrival for a
//! weekday morning departure window.
