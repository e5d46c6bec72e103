# Team, API tokens, platform administration, networks and the job widget

## An organisation's team
team-title = Team: { $org }
team-back-workspace = To the organisation's workspace
team-invite-sent = The invitation has been sent. The link is valid for 7 days.
team-members-title = Members
team-members-caption = Members of { $org } and their roles
team-member-name = Name
team-member-email = E-mail address
team-member-role = Role
team-member-actions = Remove
team-member-you = you
team-role-of = Role of { $name }
team-role-change = Change role
team-member-remove = Remove
team-last-admin-hint = An organisation always keeps at least one person with the admin role.
team-invite-title = Invite someone
team-invite-intro = The person you invite gets an e-mail with a link that is valid for 7 days. Members see the workspace, editors also write jobs, admins also manage members, tokens and the profile.
team-invite-email = E-mail address
team-invite-role = Role
team-invite-submit = Send invitation
team-invite-mail-subject = Invitation to { $org } on { $site }
team-invite-mail-body =
    Hello,

    { $inviter } invites you to work in the organisation "{ $org }" on { $site } (role: { $role }).

    To accept the invitation, open this link:
    { $link }

    The link is valid for { $days } days and works once. If you did not expect this invitation, you can ignore this e-mail.
team-error-last-admin = Not possible: this person is the only one with the admin role. Give someone else the admin role first.
team-error-already-member = This person is already a member of the organisation. Change their role instead.
team-error-token-name = Give the token a name ("{ $param }"), e.g. "Export from our applicant tracking".
team-error-token-name-long = The name ("{ $param }") may have at most { $max } characters.
team-error-token-scope = Choose at least one permission ("{ $param }") for the token.

## API tokens
team-tokens-title = API tokens
team-tokens-intro = With an API token other programs (such as your applicant tracking system) write your organisation's jobs or profile through the API. A token acts only for this organisation and only with the permissions chosen.
team-tokens-none = There are no tokens yet.
team-tokens-caption = API tokens of { $org }
team-tokens-no-scopes = none
team-token-name = Name
team-token-name-hint = What the token is for, so that you recognise it later.
team-token-scopes = Permissions
team-token-created = Created
team-token-status = Status
team-token-active = Active
team-token-revoked-at = Revoked on { $when }
team-token-revoke = Revoke
team-token-new-title = Create a new token
team-token-create = Create token
team-scope-jobs-write = Create, change and delete jobs
team-scope-organisation-write = Change the organisation's profile
team-token-created-title = New API token
team-token-created-once = Copy the token now: it is shown this one time only. Only a check value is stored, from which it cannot be recovered.
team-token-org = Organisation
team-token-secret = Token
team-token-usage = Send it with every API request in this header:
team-token-back = Back to the team

## Kinds of organisation

## Platform administration
admin-title = Administration
admin-audit-link = View the audit log
admin-pending-title = Organisations awaiting verification
admin-pending-intro = Municipalities, authorities, chambers and other organisations that are not employers get their particular rights only once someone has checked that they are who they say they are.
admin-pending-none = No organisation is awaiting verification.
admin-pending-caption = Unverified organisations
admin-org-name = Organisation
admin-org-kind = Kind
admin-org-place = Place
admin-org-action = Verification
admin-verify = Mark as verified
admin-networks-title = Networks
admin-networks-none = There are no networks yet.
admin-network-manage = Manage { $name }
admin-back = Back to administration
admin-audit-title = Audit log
admin-audit-newest = Newest entries
admin-audit-none = No entries.
admin-audit-caption = Audit log, newest entries first
admin-audit-when = When
admin-audit-who = Who
admin-audit-action = Action
admin-audit-org = Organisation
admin-audit-target = Concerns
admin-audit-detail = Detail
admin-audit-ip = IP address
admin-audit-older = Older entries
admin-audit-user = account { $user }
admin-audit-token = API token #{ $id }
admin-audit-nobody = nobody (not signed in)

## Networks
net-demo-notice = Demo: this network is fictitious. It shows how bleibe works.
net-search-label = Search jobs in the network { $network }
net-jobs-title = { $count ->
    [0] No open jobs in the network
    [one] One open job in the network
   *[other] { $count } open jobs in the network
}
net-jobs-none = There are no open jobs in the network's area right now.
net-jobs-all = Search all jobs in the network
net-jobs-api = The same jobs as JSON (API)
net-orgs-title = Members of the network
net-orgs-none = The network has no members yet.
net-orgs-caption = Members of { $network } and whether they are verified
net-org-state = Verification
net-org-verified = Verified
net-org-unverified = Not verified
net-org-unverified-employer = Not verified (not needed for employers)
net-admin-title = Manage network: { $network }
net-admin-portal-link = To the network's public page
net-embed-title = Show jobs on your website
net-embed-intro = Partners can embed the network's newest jobs in their website with this snippet. The operator of this installation decides which addresses may do so.
net-embed-code = HTML snippet
net-embed-frame-title = Jobs in the network { $network }

## Widget for partner websites
embed-heading = New jobs on { $site }
embed-heading-network = New jobs in the network { $network }
embed-none = There are no open jobs here right now.
embed-new-tab = opens in a new tab
embed-more = { $count ->
    [0] To the job search
    [one] View the job
   *[other] View all { $count } jobs
}
