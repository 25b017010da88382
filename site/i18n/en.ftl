# English: the source catalog of the consumer pages (site/i18n/languages.toml).
# Messages ending in -html are markup: keep their tags and attributes as they are, and
# translate the words between them. { $root } leads to this language's pages, { $site } to the
# pages that are in English only.
# Counted messages get { $count } (chooses the plural form) and { $n } (the number as written).

## The frame of every page

site-name = Minnesota Case Management Report Card
skip-link = Skip to main content
nav-label = Main
nav-home = Home
nav-find = Find a provider
nav-compare = Compare
nav-measures = Measures
nav-review = Quarterly review
nav-methodology = How we calculate
nav-downloads = Data
page-title = { $title } | Minnesota Case Management Report Card
source-note-html = Results for <strong>{ $period }</strong> cover { $window }. { $sources } <a href="{ $site }sources.html">Where the data comes from</a>.
sources-line = Data sent by { $counties }, { $tribes } and { $plans }.
sources-counties = { $count ->
    [one] { $n } county
   *[other] { $n } counties
}
sources-tribes = { $count ->
    [one] { $n } tribal nation
   *[other] { $n } tribal nations
}
sources-plans = { $count ->
    [one] { $n } health plan
   *[other] { $n } health plans
}
footer-about = This report card is published by the State of Minnesota for people choosing case management, for providers and for the state's quality council. Numbers are never shown for fewer than 11 people, and rates are never shown for fewer than 30.
footer-methodology = How the results are calculated
footer-sources = Data sources
footer-downloads = Download the data
switcher-label = Language
switcher-english-only = This page is in English only.
draft-notice-html = This page was translated by machine and has not yet been checked by a qualified translator. If something is unclear, see the <a href="{ $english }" hreflang="en">page in English</a>.
period-label = { $year } Q{ $quarter }
window-words = { $start } to { $end }
month-year = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

## Home page

home-title = Choosing case management in Minnesota
home-lead = A case manager helps you get the services and support you need to live the way you want. You have the right to choose who gives you case management, and to change.
home-find = Find a provider
home-compare = Compare providers
home-what = What is case management?
home-what-intro = Case management is help from one person who knows your needs and your goals. Your case manager:
home-what-1 = meets with you to learn what you need and what matters to you,
home-what-2 = writes a plan with you, and checks it with you at least once a year,
home-what-3 = connects you to services such as health care, housing, work, school and support at home,
home-what-4 = stays in touch with you, usually every month,
home-what-5 = helps when things change, for example after a hospital stay.
home-what-kinds = Many kinds of case management are paid for by Medical Assistance. This report card covers { $count } kinds, from mental health case management to the Elderly Waiver and health plan care coordination.
home-expect = What you can expect
home-expect-1 = To be treated with respect, in your language. An interpreter is free.
home-expect-2 = To be part of every decision about your plan.
home-expect-3 = To know how to reach your case manager.
home-expect-4 = To be told about your right to choose and to change your provider.
home-choose = How to choose
home-choose-1-html = <a href="{ $root }find.html">Find providers</a> that serve your county and your type of case management.
home-choose-2 = Look for staff who speak your language, services for your culture, and providers taking new people.
home-choose-3 = Open a provider's page to see their results beside the statewide results.
home-choose-4 = Compare up to three providers side by side.
home-choose-5 = Call the providers you like. Ask how often you will meet and how to reach them.
home-choose-change = To choose or change your provider, tell your county or tribal human services office, or your health plan if you have one. You do not need a reason to change.
home-choose-sheets-html = County intake workers can print a <a href="{ $root }sheets/index.html">choice sheet for each county</a>: every provider serving the county, with their contact details and results, on a few pages.
home-read = How to read the results
home-read-intro = Each provider is compared with the whole state. We use three words, and we never use color alone:
home-read-better = The provider's result is clearly better than the statewide result.
home-read-same = We cannot tell it apart from the statewide result.
home-read-worse = The provider's result is clearly worse than the statewide result.
home-read-too-few = Fewer than 30 people or events were counted, which is too few to judge fairly. The provider is still listed.
home-read-adjusted-html = Some results are "risk-adjusted". This means they take into account that some providers serve people who are sicker or have more needs, so the comparison is fair. <a href="{ $site }methodology.html">Read how we calculate results</a>.
home-help = Help in your language
home-others = For providers and the quality council
home-others-text-html = Each provider page links to a detailed report by type of case management and by population group. The <a href="{ $site }review/index.html">quarterly review</a> shows statewide trends, changes, differences between groups and data quality. You can <a href="{ $site }downloads.html">download all published results</a>.
home-provider-count = This report card lists { $count ->
    [one] { $n } provider
   *[other] { $n } providers
}.

## Find page and the lists of providers

find-title = Find a case management provider
find-lead-html = Every provider is listed below. You can also see <a href="#by-county">lists by county</a>, <a href="#by-type">lists by type of case management</a> and <a href="{ $root }sheets/index.html">printable choice sheets</a>.
find-narrow = Narrow the list
find-county = County where you live
find-any-county = Any county
find-type = Type of case management
find-any-type = Any type
find-language = Language spoken by staff
find-any-language = Any language
find-cultural = Only providers with culturally specific services
find-accepting = Only providers taking new people
find-sort = Sort by
find-sort-name = Name (A to Z)
find-sort-note = Sorting by a result puts the best result first, and providers with too few to rate last.
find-show = Show matching providers
find-all = All providers
find-by-county = Providers by county
find-by-type = Providers by type of case management
find-matches = { $count ->
    [one] { $n } provider matches.
   *[other] { $n } providers match.
}
find-sorted = Sorted by “{ $measure }”, best result first.
find-sorted-name = Sorted by name.
list-back = Find a provider
list-county-title = Providers serving { $county }
list-county-heading = Case management providers serving { $county }
list-county-intro = { $count ->
    [one] { $n } provider serves
   *[other] { $n } providers serve
} people who live in { $county }.
list-county-sheet-html = <a href="{ $root }sheets/{ $slug }.html">Printable choice sheet for { $county }</a>
list-type-title = Providers of { $type }
list-type-intro = { $count ->
    [one] { $n } provider offers
   *[other] { $n } providers offer
} this type of case management.
list-providers = Providers
county-name = { $name } County

## A provider card (find page, lists, choice sheets)

card-kind = Kind
card-types = Types of case management
card-counties = Counties served
card-languages = Languages spoken by staff
card-cultural = Culturally specific services
card-accepting = Taking new people
card-phone = Phone
card-website = Website
card-address = Address
accepting-yes = Yes
accepting-no = No
accepting-unknown = Not stated
cultural-none = None listed
cultural-yes = Yes

## At-a-glance results

summary-label-all = Results compared with the state, all types together:
summary-label-type = Results compared with the state, { $type }:
tally-better = { $count ->
    [one] { $n } better
   *[other] { $n } better
}
tally-same = { $count ->
    [one] { $n } about the same
   *[other] { $n } about the same
}
tally-worse = { $count ->
    [one] { $n } worse
   *[other] { $n } worse
}
tally-too-few = { $count ->
    [one] { $n } too few to rate
   *[other] { $n } too few to rate
}
tally-none = No results yet.
summary-survey = People who rate their case management 9 or 10 out of 10: { $rate } (statewide { $state }).

## Provider page

provider-summary = Summary
provider-summary-sentence = Of { $rated } results we can rate, { $better } { $better ->
    [one] is
   *[other] are
} better than the state, { $same } about the same and { $worse } worse.
provider-summary-none = No result for this provider can be rated against the state this quarter.
provider-summary-too-few = { $count ->
    [one] One more measure has
   *[other] { $n } more measures have
} too few people to rate.
provider-differs = Where this provider differs most from the state
provider-differs-item = { $measure }: { $ours }, statewide { $state }.
provider-no-differs = No result differs clearly from the state.
provider-about = About this provider
provider-id = Provider id
provider-records-from = Records about this provider came from: { $submitters }.
provider-no-records = No records in this period.
provider-details-link-html = <a href="{ $site }providers/{ $id }-details.html">Detailed report for this provider</a>: every measure by type of case management and by population group, beside the statewide results.
provider-results = Results compared with the state
provider-results-intro-html = Each result is this provider's, with the range it likely falls in, beside the statewide result. The chart shows the range as a line and the statewide result as a dashed line. So that providers are compared fairly, most results are adjusted before they are compared: each result says how it was compared. <a href="{ $site }methodology.html#adjust">How results are adjusted</a>.
provider-hidden-note = The rating uses this provider's adjusted result. It is not shown because it could reveal how many people of one type of case management were counted, so the actual result is shown instead; the two can differ.
this-provider = This provider
statewide = Statewide
provider-why = Why it matters and results by quarter
provider-by-quarter = { $measure }: by quarter
quarter = Quarter
provider-none-rated = No measure has enough people at this provider to rate it this quarter.
provider-too-few = Too few to rate
provider-too-few-intro = For these measures fewer than 30 people or events were counted at this provider, too few to judge fairly. The statewide result is shown for reference.
provider-too-few-caption = Measures with too few to rate
measure = Measure
provider-caseload = How many people each case manager serves
provider-caseload-intro = People with an open case on the last day of the quarter, for each full-time case manager. Fewer people per case manager usually means more time for each person.
provider-caseload-caption = People per full-time case manager
state-standard = State standard
caseload-too-few = Too few people to show
caseload-standard = { $n } or fewer
caseload-no-standard = No state standard
provider-survey = What people said in the experience survey
provider-survey-hidden-note = The rating uses this provider's adjusted result. It is not shown, to protect privacy, so the actual result is shown instead; the two can differ.
provider-survey-too-few = Fewer than 30 people answered the survey.
provider-survey-caption = Share of people who answered "usually" or "always" (or "yes")
question = Question
provider-unadjusted-note = This quarter the risk model could not be fitted, so this result is not risk-adjusted. Instead it is compared with providers serving the same types of case management: it allows for this provider's mix of types, but not for the health and needs of the people served.
chart-result = { $name }: { $value }{ $range }; statewide { $state }.
chart-range = , likely between { $low } and { $high }
chart-too-few = { $name }: too few to rate; statewide { $state }.
chart-no-state = { $name }: no statewide result.
chart-trend = { $measure }: results by quarter for { $name } and statewide; the table below lists them.
series-provider = This provider
series-state = Statewide

## One result

result-likely = likely between { $range }
result-range = { $low } and { $high }
result-hidden = actual result (the adjusted result is not shown, to protect privacy)
result-rounded = rounded; the counts are too small to show
result-counts-html = { $numerator } of { $denominator }
no-result = No result
too-few-to-rate = Too few to rate
does-not-apply = Does not apply
fewer-than-30 = Fewer than 30 counted

## Compare pages

compare-title = Compare providers
compare-lead = See up to three providers side by side, measure by measure.
compare-intro-html = Results are adjusted so that providers are compared fairly: risk-adjusted measures allow for the health and needs of the people each provider serves, and the others allow for the mix of types of case management each provider offers. <a href="{ $site }methodology.html#adjust">How results are adjusted</a>.
compare-choose = Choose up to three providers
compare-provider = Provider { $k }
compare-none = None
compare-button = Compare
compare-by-county = Compare the providers in your county
compare-by-county-intro = Each page below shows every provider serving the county, measure by measure.
compare-side-by-side = Side by side, { $period }
compare-county-title = Compare providers in { $county }
compare-county-lead = Every provider serving { $county }, measure by measure, beside the statewide result.
compare-statewide-html = Statewide: <strong>{ $state }</strong>. { $how } <a href="{ $site }measures/{ $id }.html">About this measure</a>.
compare-how = Providers are compared using { $summary }.
compare-caption = { $measure }: providers in { $county }
compare-result = Result
compare-with-state = Compared with the state
provider = Provider

## Choice sheets

sheets-title = Choice sheets by county
sheets-lead = A choice sheet lists every case management provider serving one county, by type of case management, with contact details and results. It is made to be printed and given to a person choosing a provider. Each type of case management starts on a new sheet of paper.
sheet-title = Choosing case management in { $county }
sheet-lead = These providers serve people who live in { $county }. You have the right to choose your case management provider, and to change. Results are for { $period } ({ $window }).
sheet-how-to-read = “Results” counts the measures where a provider is better than, about the same as, or worse than the state, and those with too few people to rate. The full results are on each provider's page of the report card.
sheet-group-heading = { $type } in { $county }
sheet-group-count = { $count ->
    [one] { $n } provider
   *[other] { $n } providers
}
sheet-results = Results
sheet-full-results = Full results for this provider
sheet-no-providers = No provider lists { $county } among the counties it serves.
sheet-missing = Types of case management no provider in { $county } offers
sheet-printed = From the Minnesota Case Management Report Card, results for { $period }.

## Words for codes

category-better = Better than the state
category-worse = Worse than the state
category-no-different = About the same as the state
category-too-few = Too few to rate
category-none = Not rated
basis-risk = Risk-adjusted: compared after allowing for the health and needs of the people each provider serves.
basis-type = Compared with providers serving the same types of case management: the result allows for this provider's mix of types.
basis-none = Compared with the state's result for this type of case management.
qualifier-risk = risk-adjusted
qualifier-type = adjusted for types of case management
summary-risk = risk-adjusted results
summary-type = results adjusted for each provider's mix of types of case management
summary-one-type = actual results, as the measure covers one type of case management
kind-county = County human services
kind-tribal = Tribal nation
kind-private = Private agency
kind-mco = Health plan
cm-type-AMH-TCM = Adult mental health case management
cm-type-CMH-TCM = Children's mental health case management
cm-type-CW-TCM = Child welfare case management
cm-type-VADD-TCM = Vulnerable adult and developmental disability case management
cm-type-RSC-TCM = Relocation service coordination
cm-type-EW = Elderly Waiver case management
cm-type-CADI = CADI waiver case management (community access for disability inclusion)
cm-type-DD = Developmental disabilities waiver case management
cm-type-BI = Brain injury waiver case management
cm-type-CAC = Community alternative care waiver case management
cm-type-AC = Alternative Care program case management
cm-type-CC-MSHO = Health plan care coordination: Minnesota Senior Health Options (MSHO)
cm-type-CC-MSC = Health plan care coordination: Minnesota Senior Care Plus (MSC+)
cm-type-CC-SNBC = Health plan care coordination: Special Needs BasicCare (SNBC)
cm-type-ALL = All types together
language-eng = English
language-spa = Spanish
language-hmn = Hmong
language-som = Somali
language-kar = Karen
language-orm = Oromo
language-amh = Amharic
language-oji = Ojibwe
language-dak = Dakota
language-vie = Vietnamese
language-lao = Lao
language-khm = Khmer
language-ase = American Sign Language
language-rus = Russian
language-ara = Arabic
language-fra = French
language-zho = Chinese
language-cmn = Mandarin Chinese
language-yue = Cantonese
language-tir = Tigrinya
language-swa = Swahili
language-nep = Nepali
language-mya = Burmese
language-ukr = Ukrainian
language-por = Portuguese
language-other = Another language ({ $code })
survey-helped = My case manager helped me get the services I need
survey-listened = My case manager listened to me
survey-respect = My case manager treated me with respect
survey-reachable = I could reach my case manager when I needed to
survey-informed_choice = I was told I can choose my case management provider
survey-goals_progress = I am making progress on my goals
