# Two-factor sign-in (TOTP): the sign-in step, setting it up, errors
two-factor-title = Two-factor sign-in
two-factor-intro = With two-factor sign-in, every sign-in needs a one-time code from an authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator) as well as your password. Someone who only knows your password cannot get into your account. Case work requires it.
two-factor-status-on = Two-factor sign-in is on.
two-factor-status-on-since = Two-factor sign-in is on (since { $since }).
two-factor-status-off = Two-factor sign-in is off: your password alone signs you in.
two-factor-setup-link = Set up two-factor sign-in
two-factor-manage-link = Manage two-factor sign-in
two-factor-back = Back to your account
two-factor-code = One-time code
two-factor-code-hint = The six digits your authenticator app shows for this account right now.

## Setting up
two-factor-setup-submit = Set up two-factor sign-in
two-factor-setup-title = Connect your authenticator app
two-factor-setup-step-app = Install an authenticator app on your phone if you do not have one yet.
two-factor-setup-step-scan = Add an account in the app and scan this QR code.
two-factor-setup-qr-alt = QR code with the key for your authenticator app
two-factor-setup-step-type = If you cannot scan it, type in this key instead (you may leave out the spaces):
two-factor-setup-open-app = Open in the authenticator app on this device
two-factor-setup-step-code = To confirm, enter the one-time code the app shows now.
two-factor-confirm-submit = Confirm and turn on
two-factor-cancel-submit = Cancel set-up
two-factor-enabled-notice = Two-factor sign-in is on. You were signed out on other devices; there you will sign in with your password and a one-time code from now on.

## Turning it off
two-factor-disable-title = Turn off two-factor sign-in
two-factor-disable-intro = Turning it off needs a current one-time code. Without it you cannot take part in case work.
two-factor-disable-submit = Turn off
two-factor-disabled-notice = Two-factor sign-in is off. Remove the account from your authenticator app as well.

## The sign-in step
two-factor-sign-in-title = Enter your one-time code
two-factor-sign-in-intro = Your password is right. Now enter the one-time code from your authenticator app to finish signing in.
two-factor-sign-in-submit = Sign in
two-factor-sign-in-lost = Lost access to your authenticator app? Contact the operators of this portal: they can reset two-factor sign-in for your account.
two-factor-sign-in-restart = Sign in again

## Errors
two-factor-error-format = Enter the six digits from your authenticator app.
two-factor-error-wrong = This one-time code is not right or has been used already. Wait for the next code in your app and enter it.
two-factor-error-throttled = Too many wrong one-time codes. Try again in { $minutes } minutes.
error-second-factor-detail = This needs two-factor sign-in. Set it up with an authenticator app at { $path }; the session in which you confirm it then counts as signed in with two factors.
error-second-factor-link = Set up two-factor sign-in
