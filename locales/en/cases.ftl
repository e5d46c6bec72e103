# Welcome Center case management: errors and mails from the shared rules
# (crates/web/src/cases.rs) and the API.

cases-error-no-consent = This organisation may not see the step: there is no consent (and no recorded exception) for this area. Ask the person for their consent first.
cases-error-not-staff = This person does not work at the case's welcome center. Choose a member of the welcome center's staff.
cases-error-file-missing = Please choose a file.
cases-error-file-type = Only PDF, PNG and JPEG files are accepted.
cases-error-title = Please give a title of at most 200 characters (and a place of at most 300 characters).
cases-error-times = The end must be after the start, at most 12 hours later.
cases-error-center = Please choose a welcome center from the list.
cases-error-contact = Please give an e-mail address or a phone number so that we can reach you.
cases-error-message = Your message is too long (at most 4000 characters).
cases-error-consent = Without your consent we cannot store your request. Please tick the box – or call us, and we will advise you without storing anything.
cases-error-situation = Please choose the situation that fits best.
cases-mail-appointment-subject = Your appointment at the welcome center
cases-mail-appointment-body = We have set an appointment for you: { $title } on { $when }, { $location }. The invitation for your calendar is below.
cases-mail-intake-subject = Your request to the welcome center
cases-mail-intake-body = Thank you for your request. We will get back to you, usually within three working days. You can withdraw your consent at any time: just reply to this mail or call us.
cases-error-no-slots = This event has no bookable slots. Choose a consultation day with slots.
cases-error-slot-email = Booking a slot needs the person's e-mail address (for the confirmation and cancellation). Add it, or set an appointment without a slot.
