# Fallbegleitung (Case Management) des Welcome Centers: Fehlermeldungen und Mails, die
# von der gemeinsamen Logik (crates/web/src/cases.rs) und der API kommen.

cases-error-no-consent = Diese Organisation darf den Schritt nicht sehen: Es gibt keine Einwilligung (und keine begründete Ausnahme) für diesen Bereich. Holen Sie zuerst die Einwilligung der Person ein.
cases-error-not-staff = Diese Person arbeitet nicht im Welcome Center des Falls. Wählen Sie eine Mitarbeiterin oder einen Mitarbeiter des Welcome Centers.
cases-error-file-missing = Bitte wählen Sie eine Datei aus.
cases-error-file-type = Nur PDF-, PNG- und JPEG-Dateien sind möglich.
cases-error-title = Bitte geben Sie einen Titel mit höchstens 200 Zeichen (und einen Ort mit höchstens 300 Zeichen) an.
cases-error-times = Das Ende muss nach dem Beginn liegen, höchstens 12 Stunden später.
cases-error-center = Bitte wählen Sie ein Welcome Center aus der Liste.
cases-error-contact = Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an, damit wir Sie erreichen können.
cases-error-message = Ihre Nachricht ist zu lang (höchstens 4000 Zeichen).
cases-error-consent = Ohne Ihre Einwilligung können wir Ihre Anfrage nicht speichern. Bitte setzen Sie das Häkchen – oder rufen Sie uns an, dann beraten wir Sie ohne Speicherung.
cases-error-situation = Bitte wählen Sie aus, welche Situation am besten passt.
cases-mail-appointment-subject = Ihr Termin beim Welcome Center
cases-mail-appointment-body = Wir haben einen Termin für Sie eingetragen: { $title } am { $when }, { $location }. Die Einladung für Ihren Kalender finden Sie unten.
cases-mail-intake-subject = Ihre Anfrage beim Welcome Center
cases-mail-intake-body = Vielen Dank für Ihre Anfrage. Wir melden uns bei Ihnen, in der Regel innerhalb von drei Arbeitstagen. Sie können Ihre Einwilligung jederzeit widerrufen: Antworten Sie einfach auf diese Mail oder rufen Sie uns an.
cases-error-no-slots = Diese Veranstaltung hat keine buchbaren Zeitfenster. Wählen Sie einen Beratungstag mit Zeitfenstern.
cases-error-slot-email = Für die Buchung eines Zeitfensters braucht die Person eine E-Mail-Adresse (für Bestätigung und Absage). Tragen Sie sie ein oder setzen Sie einen Termin ohne Zeitfenster.
