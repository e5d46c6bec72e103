# Account: sign-up, sign-in, confirmation, password, invitations, account page

## Shared
account-email = E-mail address
account-display-name = Name
account-display-name-hint = This is how your colleagues see you.
account-password = Password
account-new-password = New password
account-current-password = Current password
account-password-hint = At least { $min } characters. Spaces and every other character are allowed; a long sentence makes a good password.
account-language = Language
account-form-has-errors = Please check the marked fields.
account-to-login = Sign in
account-to-signup = Sign up now
account-to-home = Go to the start page
account-forgot-link = Forgot your password?
account-verify-resend-link = Send the confirmation link again

## Form errors
account-error-email = Enter an e-mail address like name@example.com.
account-error-name = Enter a name of at most { $max } characters.
account-error-password-length = The password needs at least { $min } and at most { $max } characters.
account-error-current-password = The current password is not right.

## Sign-up
account-signup-title = Sign up
account-signup-intro = With an account you publish jobs for your organisation and work on them as a team.
account-signup-submit = Create account
account-have-account = Already have an account?
account-no-account = No account yet?
account-signup-sent-title = Please check your mailbox
account-signup-sent = We have sent an e-mail to { $email }. Open the link in it to confirm your address and start using your account.
account-signup-sent-expiry = { $hours ->
        [one] The link is valid for one hour. No e-mail? Please look in your spam folder too.
       *[other] The link is valid for { $hours } hours. No e-mail? Please look in your spam folder too.
    }

## Confirming the address
account-verify-failed-title = This link no longer works
account-verify-failed = The confirmation link is invalid, used already or expired. Simply request a new one.
account-resend-title = Request a confirmation link
account-resend-intro = Enter the address you signed up with. If it is not confirmed yet, we send a new link.
account-resend-submit = Send link
account-resend-sent-title = Please check your mailbox
account-resend-sent = If { $email } belongs to an account that is not confirmed yet, a new confirmation link is on its way.
account-unverified-title = Please confirm your address first
account-unverified = Your account is not confirmed yet. We have sent the confirmation link to { $email } again.

## Sign-in
account-login-title = Sign in
account-login-submit = Sign in
account-login-failed = The e-mail address or the password is not right. Check both and try again.

## Forgotten and reset password
account-forgot-title = Forgot your password
account-forgot-intro = { $hours ->
        [one] Enter your e-mail address. If it belongs to an account, we send a link to set a new password. It is valid for one hour.
       *[other] Enter your e-mail address. If it belongs to an account, we send a link to set a new password. It is valid for { $hours } hours.
    }
account-forgot-submit = Send link
account-forgot-sent-title = Please check your mailbox
account-forgot-sent = If { $email } belongs to an account, a link to reset the password is on its way.
account-reset-title = Set a new password
account-reset-intro = Choose a new password. Afterwards you are signed out everywhere and sign in again with the new password.
account-reset-submit = Save password
account-reset-done = Your new password is saved. Sign in with it now.
account-reset-invalid-title = This link no longer works
account-reset-invalid = The reset link is invalid, used already or expired. Request a new one.

## Account page
account-title = Your account
account-profile = Your details
account-orgs = Your organisations
account-orgs-none = You do not belong to an organisation yet. Found one, or ask to be invited.
account-org-found = Found an organisation
account-networks = Networks you administer
account-platform = Platform
account-platform-link = Platform administration
account-change-password = Change password
account-change-password-hint = Other devices where you are signed in are signed out afterwards.
account-change-password-submit = Change password
account-password-changed = Your password has been changed. You are now signed out on every other device.

## Invitations
account-invite-title = Invitation to an organisation
account-invite-intro = You have been invited to work with an organisation on this platform.
account-invite-accept-title = Accept the invitation
account-invite-signed-in-as = You are signed in as { $who }.
account-invite-accept = Accept invitation
account-invite-other-account = The invitation is for the address it was sent to. If that is a different one, sign out first.
account-invite-existing-title = Already have an account?
account-invite-existing = Then sign in with the invited address and accept the invitation afterwards.
account-invite-sign-in = Sign in and accept the invitation
account-invite-new-title = New here?
account-invite-new = Create an account for the address the invitation was sent to. You need not confirm it: the link has done that already.
account-invite-create = Create account and join
account-invite-invalid-title = This invitation no longer works
account-invite-invalid = The invitation is invalid, accepted already or expired. Ask the person who invited you for a new one.
account-invite-sign-in-first-title = Please sign in first
account-invite-sign-in-first = The invited address has an account already. Sign in with it; then you can accept the invitation.
account-invite-wrong-account-title = This invitation is for another account
account-invite-wrong-account = The invitation was sent to an address other than your account's. Sign in with the invited address to accept it.
account-invite-sign-in-other = Sign in with the invited address

## E-mails
account-mail-greeting = Hello { $name },
account-mail-ignore = If this was not you, you can simply ignore this e-mail.
account-mail-signature = { $site } · { $url }
account-mail-verify-subject = { $site }: please confirm your e-mail address
account-mail-verify-body = please confirm the e-mail address of your account at { $site } by opening this link:
account-mail-verify-expiry = { $hours ->
        [one] The link is valid for one hour and works once.
       *[other] The link is valid for { $hours } hours and works once.
    }
account-mail-exists-subject = { $site }: sign-up with your address
account-mail-exists-body = someone just tried to sign up at { $site } with your e-mail address. There is an account for this address already, so no new one was created.
account-mail-exists-login = Was it you? Then simply sign in: { $link }
account-mail-exists-reset = Forgot your password? Set a new one here: { $link }
account-mail-reset-subject = { $site }: set a new password
account-mail-reset-body = someone has asked for a new password for your account at { $site }. Set it with this link:
account-mail-reset-expiry = { $hours ->
        [one] The link is valid for one hour and works once.
       *[other] The link is valid for { $hours } hours and works once.
    }
