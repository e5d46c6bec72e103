# Ortsprofile: was ein Ort bietet, jeder Wert mit Quelle und Stand.

pp-title = Leben am Ort
pp-none = Für diesen Ort sind noch keine Angaben hinterlegt.
pp-demo-notice = Mit „Demo“ markierte Angaben sind erfundene Beispielwerte, keine echten Daten.
pp-provenance = Quelle: { $source }, Stand: { $date }
pp-edit = Ortsprofil bearbeiten
pp-value-money = { $value } €/m²
pp-value-speed = { $value } Mbit/s

pp-group-mobility = Mobilität
pp-group-health = Gesundheit
pp-group-children = Kinder und Schule
pp-group-everyday = Alltag
pp-group-offers = Vereine und Angebote
pp-group-housing = Wohnen und Bauen
pp-group-internet = Internet
pp-group-contact = Ansprechperson

pp-key-rail_station = Bahnhöfe und Haltepunkte
pp-key-rail_lines = Bahnlinien
pp-key-gp = Hausarztpraxen
pp-key-paediatrician = Kinderarztpraxen
pp-key-kita = Kitas
pp-key-primary_school = Grundschulen
pp-key-secondary_school = Weiterführende Schulen
pp-key-supermarket = Supermärkte
pp-key-offers_sport = Sport
pp-key-offers_culture = Kultur
pp-key-offers_recreation = Erholung
pp-key-offers_social = Soziales
pp-key-offers_tourism = Tourismus
pp-key-offers_other = Sonstiges
pp-key-median_rent_eur_m2 = Mittlere Angebotsmiete (kalt)
pp-key-building_land_eur_m2 = Bodenrichtwert Bauland
pp-key-broadband_mbit = Breitband
pp-key-contact = Ansprechperson für Zuzug

pp-edit-title = Ortsprofil von { $place } bearbeiten
pp-edit-lead = Tragen Sie zu jedem Wert die Quelle ein (etwa „Stadtverwaltung“ oder „Mietspiegel 2026“) und den Stand; ohne Datum gilt heute. Ein geleertes Wertfeld entfernt die Angabe. Unveränderte Angaben behalten Quelle und Stand.
pp-edit-demo-notice = Einige Angaben sind Demo-Werte. Ersetzen Sie sie durch echte Werte mit Quelle.
pp-field-source = Quelle: { $label }
pp-field-as-of = Stand: { $label }
pp-hint-count = Anzahl (ganze Zahl).
pp-hint-money = Euro je Quadratmeter.
pp-hint-speed = Mbit/s im Download, für die meisten Haushalte verfügbar.
pp-hint-text = Text, höchstens { $max } Zeichen.
pp-hint-demo = Derzeit ein Demo-Wert.
pp-save = Speichern
pp-back = Zurück zum Ort
pp-error-count = Bitte eine ganze Zahl ab 0 eingeben.
pp-error-amount = Bitte eine Zahl von 0 bis { $max } eingeben.
pp-error-text = Bitte einen Text mit höchstens { $max } Zeichen eingeben.
pp-error-source = Bitte die Quelle angeben (höchstens 200 Zeichen).
pp-error-as-of = Bitte ein Datum angeben, das nicht in der Zukunft liegt.
