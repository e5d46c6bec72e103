# Netzwerkarbeit: Begriffe, Fehlermeldungen und E-Mails (gemeinsam für Seiten und API)
cluster-sport = Sport
cluster-culture = Kultur
cluster-recreation = Erholung
cluster-social = Soziales
cluster-tourism = Tourismus
cluster-other = Sonstiges
field-recruitment = Anwerbung
field-training = Aus- und Weiterbildung
field-soft_factors = Weiche Standortfaktoren
field-image = Außenwirkung
field-welcome_culture = Willkommenskultur
field-career_orientation = Berufliche Orientierung
target-returnees = Rückkehrer/innen
target-commuters = Pendler/innen
target-international = Internationale Fachkräfte
target-pupils = Schüler/innen
target-students = Studierende
target-employees = Beschäftigte
measure-status-planned = Geplant
measure-status-running = Läuft
measure-status-completed = Abgeschlossen
measure-status-stopped = Abgebrochen
funding-esf_plus = ESF Plus
funding-jtf = Just Transition Fund (JTF)
funding-strukturstaerkung = Strukturstärkungsgesetz
funding-own = Eigenmittel
funding-other = Andere Förderung
visibility-public = Öffentlich
visibility-members = Nur für Mitglieder des Netzwerks
stage-idea = Idee
stage-pre_consultation = Vorbefassung
stage-qualification = Qualifizierung
stage-application = Förderantrag
stage-running = Läuft
stage-completed = Abgeschlossen
stage-evaluated = Evaluiert
stage-rejected = Abgelehnt
stage-parked = Zurückgestellt
event-kind-returnee_day = Rückkehrertag
event-kind-job_fair = Jobmesse
event-kind-consultation_day = Beratungstag
event-kind-info_event = Infoveranstaltung
event-kind-working_group_meeting = Sitzung der Arbeitsgruppe
registration-registered = Angemeldet
registration-waiting = Warteliste
registration-cancelled = Abgesagt

error-stale-detail = Jemand anderes hat diesen Eintrag inzwischen geändert. Laden Sie ihn neu und tragen Sie Ihre Änderung noch einmal ein; nichts wurde überschrieben.
error-network-not-member = { $param }: Die Organisation ist nicht Mitglied im Netzwerk { $value }. Teilen Sie nur mit Netzwerken, denen sie angehört.
error-group-unknown = { $param }: Arbeitsgruppe { $value } gehört nicht zu diesem Netzwerk.
error-measure-unknown = { $param }: Maßnahme { $value } gibt es nicht oder Sie dürfen sie nicht sehen.
error-user-not-member = { $param }: Die Person { $value } gehört keiner Mitgliedsorganisation des Netzwerks an.
error-registration-closed = Die Anmeldung zu dieser Veranstaltung ist geschlossen.
error-event-cancelled = Diese Veranstaltung wurde abgesagt.
error-registration-duplicate = Diese E-Mail-Adresse ist für diese Veranstaltung schon angemeldet oder steht auf der Warteliste.
error-slot-required = Wählen Sie einen der freien Termine.
error-slot-invalid = „{ $value }“ ist keiner der Termine dieser Veranstaltung. Wählen Sie einen der freien Termine.
error-slot-past = Dieser Termin hat schon begonnen. Wählen Sie einen späteren.
error-slot-taken = Dieser Termin ist inzwischen vergeben. Wählen Sie bitte einen anderen freien Termin.
error-slots-booked = Mit dieser Änderung fielen gebuchte Termine weg (oder es gibt Anmeldungen ohne Termin). Ändern Sie Termindauer und Zeiten so, dass die gebuchten Termine bleiben, oder sagen Sie diese Buchungen zuerst ab; nichts wurde geändert.
error-rate-limited-detail = Zu viele Anfragen von Ihrer Adresse. Versuchen Sie es in { $minutes } Minuten wieder.

event-mail-registered-subject = Ihre Anmeldung: { $title }
event-mail-registered-body =
    Guten Tag { $name },

    Sie sind angemeldet für „{ $title }“ am { $when }, { $venue }.

    Zur Veranstaltung: { $link }
    Wenn Sie nicht kommen können, sagen Sie bitte ab, damit jemand von der Warteliste nachrücken kann: { $cancel }

    { $site }
event-mail-waiting-body =
    Guten Tag { $name },

    „{ $title }“ am { $when } ist ausgebucht. Sie stehen auf der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach und bekommen eine E-Mail.

    Zur Veranstaltung: { $link }
    Wenn Sie nicht mehr warten möchten: { $cancel }

    { $site }
event-mail-slot-body =
    Guten Tag { $name },

    Ihr Termin bei „{ $title }“ ist gebucht: { $slot }, { $venue }.

    Zur Veranstaltung: { $link }
    Wenn Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte ab, damit jemand anderes ihn buchen kann: { $cancel }

    { $site }
event-mail-promoted-subject = Ein Platz ist frei: { $title }
event-mail-promoted-body =
    Guten Tag { $name },

    für „{ $title }“ am { $when }, { $venue }, ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt und jetzt angemeldet.

    Zur Veranstaltung: { $link }
    Absagen können Sie mit dem Link aus Ihrer ersten E-Mail.

    { $site }
event-mail-called-off-subject = Abgesagt: { $title }
event-mail-called-off-body =
    Guten Tag { $name },

    „{ $title }“ am { $when }, { $venue }, findet nicht statt: Die Veranstaltung wurde abgesagt. Ihre Anmeldung ist damit hinfällig; Sie müssen nichts weiter tun.

    Zur Veranstaltung: { $link }

    { $site }

nav-networks = Netzwerke
net-index-title = Netzwerke
net-index-lead = Städte, Arbeitgeber, Kammern und Welcome Center arbeiten in regionalen Netzwerken zusammen: Maßnahmen, Projektideen, Arbeitsgruppen und Veranstaltungen.
net-index-none = Noch gibt es kein Netzwerk.
net-index-member = Ihr Netzwerk
net-index-members = { $count ->
    [one] eine Mitgliedsorganisation
   *[other] { $count } Mitgliedsorganisationen
}
net-index-places = { $count ->
    [one] ein Ort
   *[other] { $count } Orte
}

# Terminreihen (regelmäßige Sprechstunden)
np-event-repeat = Regelmäßig wiederholen
np-event-repeat-hint = Freiwillig, nur beim Anlegen: Die Veranstaltung wird in diesem Abstand wiederholt, jeweils am selben Wochentag zur selben Uhrzeit (auch über die Zeitumstellung hinweg). Jeder Termin ist eine eigene Veranstaltung mit eigenen Anmeldungen oder Terminen. Leer lassen für einen einzelnen Termin.
np-event-repeat-every = Abstand in Wochen
np-event-repeat-every-hint = 1 = jede Woche, 2 = jede zweite Woche; 1 bis 8.
np-event-repeat-count = Anzahl der Termine
np-event-repeat-count-hint = Einschließlich des ersten Termins, 2 bis 52.
np-error-repeat_every_weeks = Geben Sie den Abstand als ganze Zahl von 1 bis 8 Wochen an, oder lassen Sie beide Felder zur Wiederholung leer.
np-error-repeat_count = Geben Sie die Anzahl der Termine als ganze Zahl von 2 bis 52 an, oder lassen Sie beide Felder zur Wiederholung leer.
np-event-series-title = Weitere Termine dieser Reihe
