# Konto: Registrierung, Anmeldung, Bestätigung, Passwort, Einladungen, Kontoseite

## Gemeinsam
account-email = E-Mail-Adresse
account-display-name = Name
account-display-name-hint = So sehen Sie Ihre Kolleginnen und Kollegen.
account-password = Passwort
account-new-password = Neues Passwort
account-current-password = Aktuelles Passwort
account-password-hint = Mindestens { $min } Zeichen. Leerzeichen und alle anderen Zeichen sind erlaubt; ein langer Satz ist ein gutes Passwort.
account-language = Sprache
account-form-has-errors = Bitte prüfen Sie die markierten Felder.
account-to-login = Zur Anmeldung
account-to-signup = Jetzt registrieren
account-to-home = Zur Startseite
account-forgot-link = Passwort vergessen?
account-verify-resend-link = Bestätigungslink noch einmal senden

## Fehlermeldungen der Formulare
account-error-email = Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.
account-error-name = Geben Sie einen Namen mit höchstens { $max } Zeichen ein.
account-error-password-length = Das Passwort braucht mindestens { $min } und höchstens { $max } Zeichen.
account-error-current-password = Das aktuelle Passwort stimmt nicht.

## Registrierung
account-signup-title = Registrieren
account-signup-intro = Mit einem Konto veröffentlichen Sie Stellen für Ihre Organisation und arbeiten im Team daran.
account-signup-submit = Konto anlegen
account-have-account = Sie haben schon ein Konto?
account-no-account = Noch kein Konto?
account-signup-sent-title = Bitte sehen Sie in Ihr Postfach
account-signup-sent = Wir haben eine E-Mail an { $email } geschickt. Öffnen Sie den Link darin, um Ihre Adresse zu bestätigen und Ihr Konto zu nutzen.
account-signup-sent-expiry = { $hours ->
        [one] Der Link gilt eine Stunde lang. Keine E-Mail bekommen? Sehen Sie auch im Spam-Ordner nach.
       *[other] Der Link gilt { $hours } Stunden lang. Keine E-Mail bekommen? Sehen Sie auch im Spam-Ordner nach.
    }

## Bestätigung der Adresse
account-verify-failed-title = Dieser Link funktioniert nicht mehr
account-verify-failed = Der Bestätigungslink ist ungültig, schon benutzt oder abgelaufen. Fordern Sie einfach einen neuen an.
account-resend-title = Bestätigungslink anfordern
account-resend-intro = Geben Sie die Adresse an, mit der Sie sich registriert haben. Ist sie noch nicht bestätigt, schicken wir einen neuen Link.
account-resend-submit = Link senden
account-resend-sent-title = Bitte sehen Sie in Ihr Postfach
account-resend-sent = Gehört { $email } zu einem Konto, das noch nicht bestätigt ist, ist ein neuer Bestätigungslink unterwegs.
account-unverified-title = Bitte bestätigen Sie zuerst Ihre Adresse
account-unverified = Ihr Konto ist noch nicht bestätigt. Wir haben den Bestätigungslink noch einmal an { $email } geschickt.

## Anmeldung
account-login-title = Anmelden
account-login-submit = Anmelden
account-login-failed = E-Mail-Adresse oder Passwort stimmen nicht. Prüfen Sie beides und versuchen Sie es noch einmal.

## Passwort vergessen und zurücksetzen
account-forgot-title = Passwort vergessen
account-forgot-intro = { $hours ->
        [one] Geben Sie Ihre E-Mail-Adresse an. Gehört sie zu einem Konto, schicken wir einen Link, mit dem Sie ein neues Passwort setzen. Er gilt eine Stunde lang.
       *[other] Geben Sie Ihre E-Mail-Adresse an. Gehört sie zu einem Konto, schicken wir einen Link, mit dem Sie ein neues Passwort setzen. Er gilt { $hours } Stunden lang.
    }
account-forgot-submit = Link senden
account-forgot-sent-title = Bitte sehen Sie in Ihr Postfach
account-forgot-sent = Gehört { $email } zu einem Konto, ist ein Link zum Zurücksetzen des Passworts unterwegs.
account-reset-title = Neues Passwort setzen
account-reset-intro = Wählen Sie ein neues Passwort. Danach sind Sie überall abgemeldet und melden sich mit dem neuen Passwort wieder an.
account-reset-submit = Passwort speichern
account-reset-done = Ihr neues Passwort ist gespeichert. Melden Sie sich jetzt damit an.
account-reset-invalid-title = Dieser Link funktioniert nicht mehr
account-reset-invalid = Der Link zum Zurücksetzen ist ungültig, schon benutzt oder abgelaufen. Fordern Sie einen neuen an.

## Kontoseite
account-title = Ihr Konto
account-profile = Ihre Angaben
account-orgs = Ihre Organisationen
account-orgs-none = Sie gehören noch zu keiner Organisation. Gründen Sie eine oder lassen Sie sich einladen.
account-org-found = Organisation gründen
account-networks = Netzwerke, die Sie verwalten
account-platform = Plattform
account-platform-link = Zur Plattformverwaltung
account-change-password = Passwort ändern
account-change-password-hint = Andere Geräte, auf denen Sie angemeldet sind, werden danach abgemeldet.
account-change-password-submit = Passwort ändern
account-password-changed = Ihr Passwort ist geändert. Auf allen anderen Geräten sind Sie jetzt abgemeldet.

## Einladungen
account-invite-title = Einladung in eine Organisation
account-invite-intro = Sie wurden eingeladen, bei einer Organisation auf dieser Plattform mitzuarbeiten.
account-invite-accept-title = Einladung annehmen
account-invite-signed-in-as = Sie sind angemeldet als { $who }.
account-invite-accept = Einladung annehmen
account-invite-other-account = Die Einladung gilt für die Adresse, an die sie geschickt wurde. Ist das eine andere, melden Sie sich zuerst ab.
account-invite-existing-title = Sie haben schon ein Konto?
account-invite-existing = Dann melden Sie sich mit der eingeladenen Adresse an und nehmen die Einladung danach an.
account-invite-sign-in = Anmelden und Einladung annehmen
account-invite-new-title = Neu hier?
account-invite-new = Legen Sie ein Konto für die Adresse an, an die die Einladung ging. Bestätigen müssen Sie sie nicht mehr: Der Link hat sie schon bestätigt.
account-invite-create = Konto anlegen und beitreten
account-invite-invalid-title = Diese Einladung funktioniert nicht mehr
account-invite-invalid = Die Einladung ist ungültig, schon angenommen oder abgelaufen. Bitten Sie die Person, die Sie eingeladen hat, um eine neue.
account-invite-sign-in-first-title = Bitte melden Sie sich zuerst an
account-invite-sign-in-first = Für die eingeladene Adresse gibt es schon ein Konto. Melden Sie sich damit an; danach können Sie die Einladung annehmen.
account-invite-wrong-account-title = Diese Einladung gilt für ein anderes Konto
account-invite-wrong-account = Die Einladung ging an eine andere Adresse als die Ihres Kontos. Melden Sie sich mit der eingeladenen Adresse an, um sie anzunehmen.
account-invite-sign-in-other = Mit der eingeladenen Adresse anmelden

## E-Mails
account-mail-greeting = Hallo { $name },
account-mail-ignore = Wenn Sie das nicht waren, können Sie diese E-Mail einfach ignorieren.
account-mail-signature = { $site } · { $url }
account-mail-verify-subject = { $site }: Bitte bestätigen Sie Ihre E-Mail-Adresse
account-mail-verify-body = bitte bestätigen Sie Ihre E-Mail-Adresse für Ihr Konto bei { $site }, indem Sie diesen Link öffnen:
account-mail-verify-expiry = { $hours ->
        [one] Der Link gilt eine Stunde lang und nur einmal.
       *[other] Der Link gilt { $hours } Stunden lang und nur einmal.
    }
account-mail-exists-subject = { $site }: Registrierung mit Ihrer Adresse
account-mail-exists-body = jemand wollte sich gerade mit Ihrer E-Mail-Adresse bei { $site } registrieren. Für diese Adresse gibt es schon ein Konto, deshalb wurde kein neues angelegt.
account-mail-exists-login = Waren Sie das? Dann melden Sie sich einfach an: { $link }
account-mail-exists-reset = Passwort vergessen? Hier setzen Sie ein neues: { $link }
account-mail-reset-subject = { $site }: Neues Passwort setzen
account-mail-reset-body = jemand hat für Ihr Konto bei { $site } ein neues Passwort angefordert. Mit diesem Link setzen Sie es:
account-mail-reset-expiry = { $hours ->
        [one] Der Link gilt eine Stunde lang und nur einmal.
       *[other] Der Link gilt { $hours } Stunden lang und nur einmal.
    }
