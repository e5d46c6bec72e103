# Arbeitsbereich einer Organisation: gründen, Stellen, Profil und Logo

## Arten von Organisationen

## Organisation gründen und Profil
ws-org-new-title = Organisation anlegen
ws-org-new-lead = Legen Sie Ihre Organisation an, um Stellen zu veröffentlichen. Sie werden ihre Administratorin bzw. ihr Administrator und können danach Kolleginnen und Kollegen einladen.
ws-org-create = Organisation anlegen
ws-org-name = Name der Organisation
ws-org-kind = Art der Organisation
ws-org-kind-hint = Arbeitgeber können sofort Stellen veröffentlichen. Alle anderen Arten (z. B. Gemeinde, Welcome Center) prüft eine Administratorin oder ein Administrator, bevor die besonderen Rechte dieser Art gelten; Stellen veröffentlichen können Sie schon vorher.
ws-org-place = Ort des Sitzes
ws-org-description = Beschreibung
ws-org-website = Website
ws-org-website-hint = Vollständige Adresse mit https://, z. B. https://www.beispiel.de
ws-profile-title = Profil von { $name }
ws-profile-lead = So erscheint Ihre Organisation bei ihren Stellen.
ws-profile-save = Profil speichern
ws-verification-pending = Diese Organisation wartet auf die Prüfung durch eine Administratorin oder einen Administrator. Bis dahin gelten die besonderen Rechte ihrer Art noch nicht; Stellen können Sie schon veröffentlichen.

## Logo
ws-logo-title = Logo
ws-logo-none = Noch kein Logo hochgeladen.
ws-logo-file = Logo-Datei
ws-logo-hint = PNG, JPEG oder WebP, höchstens 512 KiB.
ws-logo-upload = Logo hochladen
ws-logo-alt = Logo von { $name }
ws-error-logo-missing = Bitte wählen Sie eine Bilddatei für das Logo aus.
ws-error-logo-type = Diese Datei ist kein PNG-, JPEG- oder WebP-Bild. Andere Formate (auch SVG) nehmen wir nicht an.

## Arbeitsbereich
ws-eyebrow = Arbeitsbereich
ws-nav-label = Arbeitsbereich
ws-new-job = Neue Stelle anlegen
ws-link-profile = Profil und Logo bearbeiten
ws-link-team = Mitglieder und API-Tokens
ws-jobs-title = Stellen
ws-jobs-none = Noch keine Stellen. Legen Sie die erste an.
ws-member-readonly = Als Mitglied sehen Sie die Stellen. Anlegen, bearbeiten und veröffentlichen können sie Redakteurinnen, Redakteure und Admins.
ws-updated = Geändert am
ws-actions-label = Aktionen für „{ $title }“
ws-status-draft = Entwurf
ws-status-published = Veröffentlicht
ws-status-unpublished = Zurückgezogen
ws-status-expired = Abgelaufen
ws-action-edit = Bearbeiten
ws-action-preview = Vorschau
ws-action-public = Öffentliche Seite
ws-action-publish = Veröffentlichen
ws-action-unpublish = Zurückziehen
ws-action-expire = Als abgelaufen markieren
ws-action-duplicate = Kopieren
ws-action-delete = Löschen …
ws-delete-final = Endgültig löschen
ws-back = Zurück zu { $name }
ws-back-workspace = Zurück zum Arbeitsbereich
ws-cancel = Abbrechen

## Stellenformular
ws-job-new-title = Neue Stelle
ws-job-edit-title = Stelle bearbeiten: { $title }
ws-required = { $label } (Pflichtfeld)
ws-required-note = Felder mit „(Pflichtfeld)“ müssen ausgefüllt werden, alle anderen sind freiwillig.
ws-selected = Gewählt: { $value }.
ws-job-title = Titel
ws-job-kind = Art des Angebots
ws-job-occupation = Beruf (KldB-2010-Code)
ws-job-occupation-hint = 1 bis 5 Ziffern der Klassifikation der Berufe, z. B. 25 für Maschinen- und Fahrzeugtechnik.
ws-job-description = Beschreibung
ws-description-hint = Schreiben Sie einfachen Text (eine Leerzeile beginnt einen neuen Absatz) oder HTML mit Absätzen, Listen und Hervorhebungen. Andere Auszeichnungen werden entfernt.
ws-job-location = Arbeitsort
ws-job-place = Ort
ws-place-hint = Ortsname oder GeoNames-Kennung, z. B. Spremberg oder 2830085.
ws-job-street = Straße und Hausnummer
ws-job-postcode = Postleitzahl
ws-job-working-time = Arbeitszeit
ws-job-working-time-hint = Wählen Sie mindestens eine.
ws-job-contract = Vertrag
ws-job-salary = Gehalt (freiwillig)
ws-job-salary-min = Betrag oder Mindestbetrag in Euro
ws-job-salary-max = Höchstbetrag in Euro
ws-job-salary-unit = Bezogen auf
ws-salary-unit-hour = pro Stunde
ws-salary-unit-month = pro Monat
ws-salary-unit-year = pro Jahr
ws-job-training = Ausbildung und duales Studium
ws-job-training-hint = Nur für Ausbildungsplätze und duale Studienplätze.
ws-job-certificate = Gewünschter Schulabschluss
ws-job-certificate-none = Keine Angabe
ws-job-allowance-year = Vergütung im { $year }. Jahr (Euro pro Monat)
ws-job-dates = Termine
ws-job-start = Beginn
ws-job-valid-through = Bewerbung möglich bis
ws-date-hint = Datum als TT.MM.JJJJ.
ws-job-apply = Bewerbung
ws-job-apply-hint = Geben Sie eine Bewerbungsseite, eine E-Mail-Adresse oder beides an.
ws-job-apply-url = Bewerbungsseite (Adresse mit https://)
ws-job-apply-email = E-Mail-Adresse für Bewerbungen
ws-save-draft = Als Entwurf speichern
ws-save-unpublished = Speichern, ohne zu veröffentlichen
ws-save-publish = Veröffentlichen
ws-save-published = Speichern (bleibt veröffentlicht)

## Vorschau
ws-preview = Vorschau.
ws-preview-note = So wird die Stelle aussehen. Status: { $status }.
ws-preview-page-title = Vorschau: { $title }

## Fehler im Formular
ws-error-summary = Bitte prüfen Sie Ihre Eingaben
ws-error-field = Dieser Wert ist ungültig.
ws-error-name = Geben Sie einen Namen mit höchstens 200 Zeichen an.
ws-error-website = Geben Sie eine vollständige Adresse mit http:// oder https:// an.
ws-error-title = Geben Sie einen Titel mit höchstens 200 Zeichen an.
ws-error-kind = Wählen Sie eine der angebotenen Arten.
ws-error-description = Die Beschreibung ist zu lang (höchstens 100.000 Zeichen).
ws-error-occupation = Geben Sie einen Berufscode der KldB 2010 an: 1 bis 5 Ziffern, die mit einem bekannten Berufsbereich beginnen, z. B. 25.
ws-error-place = Diesen Ort kennen wir nicht. Geben Sie einen Ortsnamen oder eine GeoNames-Kennung an.
ws-error-street = Die Straße darf höchstens 200 Zeichen lang sein.
ws-error-postcode = Eine Postleitzahl hat 5 Ziffern.
ws-error-working_time = Wählen Sie mindestens eine Arbeitszeit.
ws-error-contract = Wählen Sie eine der angebotenen Vertragsarten.
ws-error-salary_min = Geben Sie einen positiven Betrag in Euro an, z. B. 3200 oder 14,50.
ws-error-salary_max = Der Höchstbetrag muss eine Zahl sein und darf nicht unter dem Mindestbetrag liegen.
ws-error-salary_unit = Wählen Sie, worauf sich das Gehalt bezieht.
ws-error-school_certificate = Wählen Sie einen der angebotenen Schulabschlüsse.
ws-error-allowance_1 = Ausbildungsvergütung gibt es nur bei Ausbildung und dualem Studium; geben Sie ganze Euro-Beträge an, Jahr für Jahr ohne Lücke.
ws-error-allowance_2 = Geben Sie ganze Euro-Beträge an, Jahr für Jahr ohne Lücke.
ws-error-allowance_3 = Geben Sie ganze Euro-Beträge an, Jahr für Jahr ohne Lücke.
ws-error-allowance_4 = Geben Sie ganze Euro-Beträge an, Jahr für Jahr ohne Lücke.
ws-error-start_date = Geben Sie ein Datum als TT.MM.JJJJ an.
ws-error-valid_through = Geben Sie ein Datum als TT.MM.JJJJ an, das nicht vor dem Tag der Veröffentlichung liegt.
ws-error-apply_url = Geben Sie eine Bewerbungsseite mit https:// oder eine E-Mail-Adresse an.
ws-error-apply_email = Geben Sie eine gültige E-Mail-Adresse an, z. B. bewerbung@beispiel.de.
