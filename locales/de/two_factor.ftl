# Zwei-Faktor-Anmeldung (TOTP): Anmeldeschritt, Einrichtung, Fehler
two-factor-title = Zwei-Faktor-Anmeldung
two-factor-intro = Mit der Zwei-Faktor-Anmeldung brauchen Sie bei jeder Anmeldung außer Ihrem Passwort einen Einmalcode aus einer Authenticator-App auf Ihrem Smartphone (zum Beispiel FreeOTP, Aegis, Google Authenticator oder Microsoft Authenticator). Wer nur Ihr Passwort kennt, kommt dann nicht in Ihr Konto. Für die Fallarbeit ist sie Pflicht.
two-factor-status-on = Die Zwei-Faktor-Anmeldung ist eingeschaltet.
two-factor-status-on-since = Die Zwei-Faktor-Anmeldung ist eingeschaltet (seit { $since }).
two-factor-status-off = Die Zwei-Faktor-Anmeldung ist ausgeschaltet: Zum Anmelden genügt Ihr Passwort.
two-factor-setup-link = Zwei-Faktor-Anmeldung einrichten
two-factor-manage-link = Zwei-Faktor-Anmeldung verwalten
two-factor-back = Zurück zu Ihrem Konto
two-factor-code = Einmalcode
two-factor-code-hint = Die sechs Ziffern, die Ihre Authenticator-App gerade für dieses Konto anzeigt.

## Einrichten
two-factor-setup-submit = Zwei-Faktor-Anmeldung einrichten
two-factor-setup-title = Authenticator-App verbinden
two-factor-setup-step-app = Installieren Sie eine Authenticator-App auf Ihrem Smartphone, falls Sie noch keine haben.
two-factor-setup-step-scan = Fügen Sie in der App ein Konto hinzu und scannen Sie diesen QR-Code.
two-factor-setup-qr-alt = QR-Code mit dem Schlüssel für Ihre Authenticator-App
two-factor-setup-step-type = Wenn Sie nicht scannen können, geben Sie stattdessen diesen Schlüssel ein (die Leerzeichen können Sie weglassen):
two-factor-setup-open-app = Auf diesem Gerät in der Authenticator-App öffnen
two-factor-setup-step-code = Geben Sie zur Bestätigung den Einmalcode ein, den die App jetzt anzeigt.
two-factor-confirm-submit = Bestätigen und einschalten
two-factor-cancel-submit = Einrichtung abbrechen
two-factor-enabled-notice = Die Zwei-Faktor-Anmeldung ist eingeschaltet. Auf anderen Geräten wurden Sie abgemeldet; dort melden Sie sich künftig mit Passwort und Einmalcode an.

## Ausschalten
two-factor-disable-title = Zwei-Faktor-Anmeldung ausschalten
two-factor-disable-intro = Zum Ausschalten brauchen Sie einen aktuellen Einmalcode. Ohne sie können Sie nicht mehr an der Fallarbeit teilnehmen.
two-factor-disable-submit = Ausschalten
two-factor-disabled-notice = Die Zwei-Faktor-Anmeldung ist ausgeschaltet. Entfernen Sie das Konto auch aus Ihrer Authenticator-App.

## Anmeldeschritt
two-factor-sign-in-title = Einmalcode eingeben
two-factor-sign-in-intro = Ihr Passwort stimmt. Geben Sie jetzt den Einmalcode aus Ihrer Authenticator-App ein, um die Anmeldung abzuschließen.
two-factor-sign-in-submit = Anmelden
two-factor-sign-in-lost = Kein Zugriff mehr auf Ihre Authenticator-App? Wenden Sie sich an die Betreiber dieses Portals: Sie können die Zwei-Faktor-Anmeldung für Ihr Konto zurücksetzen.
two-factor-sign-in-restart = Neu anmelden

## Fehler
two-factor-error-format = Geben Sie die sechs Ziffern aus Ihrer Authenticator-App ein.
two-factor-error-wrong = Dieser Einmalcode stimmt nicht oder wurde schon benutzt. Warten Sie auf den nächsten Code in Ihrer App und geben Sie ihn ein.
two-factor-error-throttled = Zu viele falsche Einmalcodes. Versuchen Sie es in { $minutes } Minuten wieder.
error-second-factor-detail = Dafür ist die Zwei-Faktor-Anmeldung nötig. Richten Sie sie unter { $path } mit einer Authenticator-App ein; die Sitzung, in der Sie sie bestätigen, gilt dann als mit zwei Faktoren angemeldet.
error-second-factor-link = Zwei-Faktor-Anmeldung einrichten
