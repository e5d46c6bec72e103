# Team, API-Tokens, Plattform-Verwaltung, Netzwerke und das Stellen-Widget

## Team einer Organisation
team-title = Team: { $org }
team-back-workspace = Zum Arbeitsbereich der Organisation
team-invite-sent = Die Einladung wurde verschickt. Der Link ist 7 Tage gültig.
team-members-title = Mitglieder
team-members-caption = Mitglieder von { $org } und ihre Rollen
team-member-name = Name
team-member-email = E-Mail-Adresse
team-member-role = Rolle
team-member-actions = Entfernen
team-member-you = Sie
team-role-of = Rolle von { $name }
team-role-change = Rolle ändern
team-member-remove = Entfernen
team-last-admin-hint = Eine Organisation behält immer mindestens eine Person mit der Rolle Admin.
team-invite-title = Jemanden einladen
team-invite-intro = Die eingeladene Person bekommt eine E-Mail mit einem Link, der 7 Tage gültig ist. Mitglieder sehen den Arbeitsbereich, die Redaktion schreibt zusätzlich Stellen, Admins verwalten auch Mitglieder, Tokens und das Profil.
team-invite-email = E-Mail-Adresse
team-invite-role = Rolle
team-invite-submit = Einladung senden
team-invite-mail-subject = Einladung zu { $org } bei { $site }
team-invite-mail-body =
    Guten Tag,

    { $inviter } lädt Sie ein, bei { $site } in der Organisation „{ $org }“ mitzuarbeiten (Rolle: { $role }).

    Um die Einladung anzunehmen, öffnen Sie diesen Link:
    { $link }

    Der Link ist { $days } Tage gültig und funktioniert nur einmal. Wenn Sie die Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.
team-error-last-admin = Das geht nicht: Diese Person ist die einzige mit der Rolle Admin. Geben Sie zuerst jemand anderem die Rolle Admin.
team-error-already-member = Diese Person ist schon Mitglied der Organisation. Ändern Sie stattdessen ihre Rolle.
team-error-token-name = Geben Sie dem Token einen Namen („{ $param }“), z. B. „Export aus dem Bewerbermanagement“.
team-error-token-name-long = Der Name („{ $param }“) darf höchstens { $max } Zeichen lang sein.
team-error-token-scope = Wählen Sie mindestens eine Berechtigung („{ $param }“) für den Token.

## API-Tokens
team-tokens-title = API-Tokens
team-tokens-intro = Mit einem API-Token schreiben andere Programme (z. B. Ihr Bewerbermanagement) über die API Stellen oder das Profil Ihrer Organisation. Ein Token handelt nur für diese Organisation und nur mit den gewählten Berechtigungen.
team-tokens-none = Es gibt noch keine Tokens.
team-tokens-caption = API-Tokens von { $org }
team-tokens-no-scopes = keine
team-token-name = Name
team-token-name-hint = Wofür der Token ist, damit Sie ihn später wiedererkennen.
team-token-scopes = Berechtigungen
team-token-created = Erstellt
team-token-status = Status
team-token-active = Aktiv
team-token-revoked-at = Widerrufen am { $when }
team-token-revoke = Widerrufen
team-token-new-title = Neuen Token erstellen
team-token-create = Token erstellen
team-scope-jobs-write = Stellen anlegen, ändern und löschen
team-scope-organisation-write = Profil der Organisation ändern
team-token-created-title = Neuer API-Token
team-token-created-once = Kopieren Sie den Token jetzt: Er wird nur dieses eine Mal angezeigt. Gespeichert wird nur ein Prüfwert, aus dem er sich nicht wiederherstellen lässt.
team-token-org = Organisation
team-token-secret = Token
team-token-usage = Senden Sie ihn bei jeder Anfrage an die API in diesem Header:
team-token-back = Zurück zum Team

## Arten von Organisationen

## Plattform-Verwaltung
admin-title = Verwaltung
admin-audit-link = Protokoll ansehen
admin-pending-title = Organisationen, die auf Prüfung warten
admin-pending-intro = Gemeinden, Behörden, Kammern und andere Organisationen, die keine Arbeitgeber sind, bekommen ihre besonderen Rechte erst, wenn jemand geprüft hat, dass sie sind, wer sie zu sein angeben.
admin-pending-none = Keine Organisation wartet auf Prüfung.
admin-pending-caption = Nicht geprüfte Organisationen
admin-org-name = Organisation
admin-org-kind = Art
admin-org-place = Ort
admin-org-action = Prüfung
admin-verify = Als geprüft markieren
admin-networks-title = Netzwerke
admin-networks-none = Es gibt noch keine Netzwerke.
admin-network-manage = { $name } verwalten
admin-back = Zur Verwaltung
admin-audit-title = Protokoll
admin-audit-newest = Neueste Einträge
admin-audit-none = Keine Einträge.
admin-audit-caption = Protokoll, neueste Einträge zuerst
admin-audit-when = Zeitpunkt
admin-audit-who = Wer
admin-audit-action = Aktion
admin-audit-org = Organisation
admin-audit-target = Betrifft
admin-audit-detail = Einzelheiten
admin-audit-ip = IP-Adresse
admin-audit-older = Ältere Einträge
admin-audit-user = Konto { $user }
admin-audit-token = API-Token #{ $id }
admin-audit-nobody = niemand (nicht angemeldet)

## Netzwerke
net-demo-notice = Demo: Dieses Netzwerk ist erfunden. Es zeigt, wie bleibe funktioniert.
net-search-label = Stellen im Netzwerk { $network } suchen
net-jobs-title = { $count ->
    [0] Keine offenen Stellen im Netzwerk
    [one] Eine offene Stelle im Netzwerk
   *[other] { $count } offene Stellen im Netzwerk
}
net-jobs-none = Im Gebiet des Netzwerks gibt es gerade keine offenen Stellen.
net-jobs-all = Alle Stellen im Netzwerk durchsuchen
net-jobs-api = Dieselben Stellen als JSON (API)
net-orgs-title = Mitglieder des Netzwerks
net-orgs-none = Das Netzwerk hat noch keine Mitglieder.
net-orgs-caption = Mitglieder von { $network } und ob sie geprüft sind
net-org-state = Prüfung
net-org-verified = Geprüft
net-org-unverified = Nicht geprüft
net-org-unverified-employer = Nicht geprüft (für Arbeitgeber nicht nötig)
net-admin-title = Netzwerk verwalten: { $network }
net-admin-portal-link = Zur öffentlichen Seite des Netzwerks
net-embed-title = Stellen auf Ihrer Website zeigen
net-embed-intro = Partner können die neuesten Stellen des Netzwerks mit diesem Ausschnitt in ihre Website einbinden. Die Adressen, die das dürfen, legt der Betrieb dieser Installation fest.
net-embed-code = HTML-Ausschnitt
net-embed-frame-title = Stellen im Netzwerk { $network }

## Widget für Partner-Websites
embed-heading = Neue Stellen bei { $site }
embed-heading-network = Neue Stellen im Netzwerk { $network }
embed-none = Gerade gibt es hier keine offenen Stellen.
embed-new-tab = öffnet in einem neuen Tab
embed-more = { $count ->
    [0] Zur Stellensuche
    [one] Die Stelle ansehen
   *[other] Alle { $count } Stellen ansehen
}
