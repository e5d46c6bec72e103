# Place profiles: what a place offers, each value with its source and date.

pp-title = Living here
pp-none = Nothing is known about this place yet.
pp-demo-notice = Values marked “Demo” are invented examples, not real data.
pp-provenance = Source: { $source }, as of { $date }
pp-edit = Edit the place profile
pp-value-money = €{ $value }/m²
pp-value-speed = { $value } Mbit/s

pp-group-mobility = Getting around
pp-group-health = Health
pp-group-children = Children and school
pp-group-everyday = Everyday life
pp-group-offers = Clubs and offers
pp-group-housing = Housing and land
pp-group-internet = Internet
pp-group-contact = Contact person

pp-key-rail_station = Railway stations and halts
pp-key-rail_lines = Rail lines
pp-key-gp = GP practices
pp-key-paediatrician = Paediatric practices
pp-key-kita = Day-care centres (Kita)
pp-key-primary_school = Primary schools
pp-key-secondary_school = Secondary schools
pp-key-supermarket = Supermarkets
pp-key-offers_sport = Sport
pp-key-offers_culture = Culture
pp-key-offers_recreation = Recreation
pp-key-offers_social = Social
pp-key-offers_tourism = Tourism
pp-key-offers_other = Other
pp-key-median_rent_eur_m2 = Median asking rent (net)
pp-key-building_land_eur_m2 = Standard land value, building land
pp-key-broadband_mbit = Broadband
pp-key-contact = Contact person for newcomers

pp-edit-title = Edit the place profile of { $place }
pp-edit-lead = Give the source of each value (such as “town hall” or “rent index 2026”) and its date; without a date, today counts. Emptying a value field removes the value. Values left unchanged keep their source and date.
pp-edit-demo-notice = Some values are demo values. Replace them with real values and their source.
pp-field-source = Source: { $label }
pp-field-as-of = As of: { $label }
pp-hint-count = A count (whole number).
pp-hint-money = Euros per square metre.
pp-hint-speed = Mbit/s download, available to most households.
pp-hint-text = Text, at most { $max } characters.
pp-hint-demo = Currently a demo value.
pp-save = Save
pp-back = Back to the place
pp-error-count = Please enter a whole number from 0.
pp-error-amount = Please enter a number from 0 to { $max }.
pp-error-text = Please enter a text of at most { $max } characters.
pp-error-source = Please give the source (at most 200 characters).
pp-error-as-of = Please give a date that is not in the future.
