# Network work: terms, error messages and e-mails (shared by pages and API)
cluster-sport = Sport
cluster-culture = Culture
cluster-recreation = Recreation
cluster-social = Social
cluster-tourism = Tourism
cluster-other = Other
field-recruitment = Recruitment
field-training = Vocational and further training
field-soft_factors = Soft location factors
field-image = Public image
field-welcome_culture = Welcome culture
field-career_orientation = Career orientation
target-returnees = Returnees
target-commuters = Commuters
target-international = International skilled workers
target-pupils = Pupils
target-students = Students
target-employees = Employees
measure-status-planned = Planned
measure-status-running = Running
measure-status-completed = Completed
measure-status-stopped = Stopped
funding-esf_plus = ESF Plus
funding-jtf = Just Transition Fund (JTF)
funding-strukturstaerkung = Structural Strengthening Act
funding-own = Own budget
funding-other = Other funding
visibility-public = Public
visibility-members = Network members only
stage-idea = Idea
stage-pre_consultation = Pre-consultation
stage-qualification = Qualification
stage-application = Funding application
stage-running = Running
stage-completed = Completed
stage-evaluated = Evaluated
stage-rejected = Rejected
stage-parked = Parked
event-kind-returnee_day = Returnee day
event-kind-job_fair = Job fair
event-kind-consultation_day = Consultation day
event-kind-info_event = Info event
event-kind-working_group_meeting = Working group meeting
registration-registered = Registered
registration-waiting = Waiting list
registration-cancelled = Cancelled

error-stale-detail = Someone else has changed this record in the meantime. Reload it and make your change again; nothing was overwritten.
error-network-not-member = { $param }: the organisation is not a member of network { $value }. Share only with networks it belongs to.
error-group-unknown = { $param }: working group { $value } does not belong to this network.
error-measure-unknown = { $param }: measure { $value } does not exist or you may not see it.
error-user-not-member = { $param }: person { $value } does not belong to a member organisation of the network.
error-registration-closed = Registration for this event is closed.
error-event-cancelled = This event has been cancelled.
error-registration-duplicate = This e-mail address is already registered or on the waiting list for this event.
error-slot-required = Choose one of the free slots.
error-slot-invalid = “{ $value }” is not one of this event's slots. Choose one of the free slots.
error-slot-past = This slot has already begun. Choose a later one.
error-slot-taken = This slot has been booked in the meantime. Please choose another free slot.
error-slots-booked = This change would drop booked slots (or there are registrations without a slot). Change the slot length and times so that the booked slots remain, or cancel those bookings first; nothing was changed.
error-rate-limited-detail = Too many requests from your address. Try again in { $minutes } minutes.

event-mail-registered-subject = Your registration: { $title }
event-mail-registered-body =
    Hello { $name },

    you are registered for "{ $title }" on { $when }, { $venue }.

    The event: { $link }
    If you cannot come, please cancel so that someone from the waiting list can move up: { $cancel }

    { $site }
event-mail-waiting-body =
    Hello { $name },

    "{ $title }" on { $when } is fully booked. You are on the waiting list. When a place becomes free you move up automatically and get an e-mail.

    The event: { $link }
    If you no longer want to wait: { $cancel }

    { $site }
event-mail-slot-body =
    Hello { $name },

    your slot at "{ $title }" is booked: { $slot }, { $venue }.

    The event: { $link }
    If you cannot come, please cancel so that someone else can book the slot: { $cancel }

    { $site }
event-mail-promoted-subject = A place is free: { $title }
event-mail-promoted-body =
    Hello { $name },

    a place has become free for "{ $title }" on { $when }, { $venue }. You have moved up from the waiting list and are now registered.

    The event: { $link }
    You can cancel with the link from your first e-mail.

    { $site }
event-mail-called-off-subject = Cancelled: { $title }
event-mail-called-off-body =
    Hello { $name },

    "{ $title }" on { $when }, { $venue }, will not take place: the event has been cancelled. Your registration lapses with it; you need not do anything.

    The event: { $link }

    { $site }

nav-networks = Networks
net-index-title = Networks
net-index-lead = Towns, employers, chambers and welcome centers work together in regional networks: measures, project ideas, working groups and events.
net-index-none = There is no network yet.
net-index-member = Your network
net-index-members = { $count ->
    [one] one member organisation
   *[other] { $count } member organisations
}
net-index-places = { $count ->
    [one] one place
   *[other] { $count } places
}

# Series of dates (recurring consultation hours)
np-event-repeat = Repeat regularly
np-event-repeat-hint = Optional, only when creating: the event is repeated at this interval, each time on the same weekday at the same time (also across the change of the clocks). Each date is an event of its own with its own registrations or slots. Leave empty for a single date.
np-event-repeat-every = Interval in weeks
np-event-repeat-every-hint = 1 = every week, 2 = every second week; 1 to 8.
np-event-repeat-count = Number of dates
np-event-repeat-count-hint = Including the first date, 2 to 52.
np-error-repeat_every_weeks = Give the interval as a whole number of 1 to 8 weeks, or leave both repeat fields empty.
np-error-repeat_count = Give the number of dates as a whole number from 2 to 52, or leave both repeat fields empty.
np-event-series-title = More dates of this series
