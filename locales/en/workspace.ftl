# An organisation's workspace: founding, jobs, profile and logo

## Kinds of organisation

## Founding an organisation and its profile
ws-org-new-title = Create an organisation
ws-org-new-lead = Create your organisation to publish jobs. You become its admin and can invite colleagues afterwards.
ws-org-create = Create organisation
ws-org-name = Name of the organisation
ws-org-kind = Kind of organisation
ws-org-kind-hint = Employers can publish jobs at once. Every other kind (such as a municipality or welcome center) is checked by an admin before the special rights of that kind apply; you can publish jobs before that.
ws-org-place = Place where it is based
ws-org-description = Description
ws-org-website = Website
ws-org-website-hint = Full address with https://, e.g. https://www.example.com
ws-profile-title = Profile of { $name }
ws-profile-lead = This is how your organisation appears with its jobs.
ws-profile-save = Save profile
ws-verification-pending = This organisation is waiting to be verified by an admin. Until then the special rights of its kind do not apply yet; you can publish jobs already.

## Logo
ws-logo-title = Logo
ws-logo-none = No logo uploaded yet.
ws-logo-file = Logo file
ws-logo-hint = PNG, JPEG or WebP, at most 512 KiB.
ws-logo-upload = Upload logo
ws-logo-alt = Logo of { $name }
ws-error-logo-missing = Please choose an image file for the logo.
ws-error-logo-type = This file is not a PNG, JPEG or WebP image. Other formats (SVG included) are not accepted.

## Workspace
ws-eyebrow = Workspace
ws-nav-label = Workspace
ws-new-job = Create a job
ws-link-profile = Edit profile and logo
ws-link-team = Members and API tokens
ws-jobs-title = Jobs
ws-jobs-none = No jobs yet. Create the first one.
ws-member-readonly = As a member you see the jobs. Editors and admins create, edit and publish them.
ws-updated = Changed on
ws-actions-label = Actions for “{ $title }”
ws-status-draft = Draft
ws-status-published = Published
ws-status-unpublished = Withdrawn
ws-status-expired = Expired
ws-action-edit = Edit
ws-action-preview = Preview
ws-action-public = Public page
ws-action-publish = Publish
ws-action-unpublish = Withdraw
ws-action-expire = Mark as expired
ws-action-duplicate = Copy
ws-action-delete = Delete …
ws-delete-final = Delete for good
ws-back = Back to { $name }
ws-back-workspace = Back to the workspace
ws-cancel = Cancel

## Job form
ws-job-new-title = New job
ws-job-edit-title = Edit job: { $title }
ws-required = { $label } (required)
ws-required-note = Fields marked “(required)” must be filled in; all others are optional.
ws-selected = Selected: { $value }.
ws-job-title = Title
ws-job-kind = Kind of offer
ws-job-occupation = Occupation (KldB 2010 code)
ws-job-occupation-hint = 1 to 5 digits of the German classification of occupations, e.g. 25 for machine and vehicle technology.
ws-job-description = Description
ws-description-hint = Write plain text (a blank line starts a new paragraph) or HTML with paragraphs, lists and emphasis. Other markup is removed.
ws-job-location = Place of work
ws-job-place = Place
ws-place-hint = Place name or GeoNames id, e.g. Spremberg or 2830085.
ws-job-street = Street and number
ws-job-postcode = Postcode
ws-job-working-time = Working time
ws-job-working-time-hint = Choose at least one.
ws-job-contract = Contract
ws-job-salary = Salary (optional)
ws-job-salary-min = Amount or minimum in euros
ws-job-salary-max = Maximum in euros
ws-job-salary-unit = Per
ws-salary-unit-hour = per hour
ws-salary-unit-month = per month
ws-salary-unit-year = per year
ws-job-training = Apprenticeships and dual study
ws-job-training-hint = Only for apprenticeships and dual study places.
ws-job-certificate = School-leaving certificate asked for
ws-job-certificate-none = Not stated
ws-job-allowance-year = Allowance in year { $year } (euros per month)
ws-job-dates = Dates
ws-job-start = Start
ws-job-valid-through = Applications until
ws-date-hint = Date as DD.MM.YYYY.
ws-job-apply = Applying
ws-job-apply-hint = Give an application page, an e-mail address or both.
ws-job-apply-url = Application page (address with https://)
ws-job-apply-email = E-mail address for applications
ws-save-draft = Save as draft
ws-save-unpublished = Save without publishing
ws-save-publish = Publish
ws-save-published = Save (stays published)

## Preview
ws-preview = Preview.
ws-preview-note = This is how the job will look. Status: { $status }.
ws-preview-page-title = Preview: { $title }

## Errors in forms
ws-error-summary = Please check your entries
ws-error-field = This value is not valid.
ws-error-name = Give a name of at most 200 characters.
ws-error-website = Give a full address starting with http:// or https://.
ws-error-title = Give a title of at most 200 characters.
ws-error-kind = Choose one of the kinds offered.
ws-error-description = The description is too long (at most 100,000 characters).
ws-error-occupation = Give a KldB 2010 occupation code: 1 to 5 digits starting with a known area, e.g. 25.
ws-error-place = We do not know this place. Give a place name or a GeoNames id.
ws-error-street = The street may have at most 200 characters.
ws-error-postcode = A postcode has 5 digits.
ws-error-working_time = Choose at least one working time.
ws-error-contract = Choose one of the contract types offered.
ws-error-salary_min = Give a positive amount in euros, e.g. 3200 or 14.50.
ws-error-salary_max = The maximum must be a number and not below the minimum.
ws-error-salary_unit = Choose what the salary refers to.
ws-error-school_certificate = Choose one of the certificates offered.
ws-error-allowance_1 = A training allowance is only for apprenticeships and dual study; give whole euro amounts, year by year without gaps.
ws-error-allowance_2 = Give whole euro amounts, year by year without gaps.
ws-error-allowance_3 = Give whole euro amounts, year by year without gaps.
ws-error-allowance_4 = Give whole euro amounts, year by year without gaps.
ws-error-start_date = Give a date as DD.MM.YYYY.
ws-error-valid_through = Give a date as DD.MM.YYYY, not before the day the job is published.
ws-error-apply_url = Give an application page starting with https:// or an e-mail address.
ws-error-apply_email = Give a valid e-mail address, e.g. jobs@example.com.
