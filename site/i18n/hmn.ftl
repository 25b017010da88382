# Hmong (Hmoob Dawb, RPA): translated from en.ftl, the source catalog of the consumer pages (site/i18n/languages.toml).
# Messages ending in -html are markup: keep their tags and attributes as they are, and
# translate the words between them. { $root } leads to this language's pages, { $site } to the
# pages that are in English only.
# Counted messages get { $count } (chooses the plural form) and { $n } (the number as written).

## The frame of every page

site-name = Daim Ntawv Qhia Qhab Nia Txog Kev Saib Xyuas Rooj Plaub (Case Management) hauv Minnesota
skip-link = Hla mus rau cov ntsiab lus tseem ceeb
nav-label = Kev taw qhia tseem ceeb
nav-home = Nplooj pib
nav-find = Nrhiav ib lub koom haum
nav-compare = Muab piv
nav-measures = Cov kev ntsuas
nav-review = Kev tshuaj xyuas txhua peb lub hlis
nav-methodology = Peb suav li cas
nav-downloads = Cov ntaub ntawv
page-title = { $title } | Daim Ntawv Qhia Qhab Nia Txog Kev Saib Xyuas Rooj Plaub hauv Minnesota
source-note-html = Cov txiaj ntsig rau <strong>{ $period }</strong> yog rau lub sijhawm { $window }. { $sources } <a href="{ $site }sources.html">Cov ntaub ntawv los qhov twg los</a>.
sources-line = Cov ntaub ntawv no xa tuaj los ntawm { $counties }, { $tribes } thiab { $plans }.
sources-counties = { $count ->
    [one] { $n } lub nroog (county)
   *[other] { $n } lub nroog (county)
}
sources-tribes = { $count ->
    [one] { $n } pawg neeg Khab (tribal nation)
   *[other] { $n } pawg neeg Khab (tribal nation)
}
sources-plans = { $count ->
    [one] { $n } lub phiaj xwm kho mob (health plan)
   *[other] { $n } lub phiaj xwm kho mob (health plan)
}
footer-about = Lub Xeev Minnesota tshaj tawm daim ntawv qhia qhab nia no rau cov neeg uas xaiv kev saib xyuas rooj plaub (case management), rau cov koom haum muab kev pab, thiab rau pawg neeg saib xyuas kev ua haujlwm zoo (quality council) ntawm lub xeev. Peb yeej tsis qhia cov lej yog tias muaj tsawg dua 11 tus neeg, thiab yeej tsis qhia feem pua yog tias muaj tsawg dua 30 tus neeg.
footer-methodology = Peb suav cov txiaj ntsig li cas
footer-sources = Cov ntaub ntawv los qhov twg los
footer-downloads = Rub cov ntaub ntawv los
switcher-label = Hom lus
switcher-english-only = Nplooj ntawv no tsuas muaj ua lus Askiv xwb.
draft-notice-html = Nplooj ntawv no yog siv computer txhais thiab tseem tsis tau muaj ib tug neeg txhais lus uas paub zoo kuaj xyuas. Yog muaj dab tsi tsis meej, saib <a href="{ $english }" hreflang="en">nplooj ntawv ua lus Askiv</a>.
period-label = { $year } Q{ $quarter }
window-words = { $start } txog { $end }
month-year = { $month ->
    [1] Lub Ib Hlis
    [2] Lub Ob Hlis
    [3] Lub Peb Hlis
    [4] Lub Plaub Hlis
    [5] Lub Tsib Hlis
    [6] Lub Rau Hli
    [7] Lub Xya Hli
    [8] Lub Yim Hli
    [9] Lub Cuaj Hli
    [10] Lub Kaum Hli
    [11] Lub Kaum Ib Hlis
   *[12] Lub Kaum Ob Hlis
} { $year }

## Home page

home-title = Xaiv kev saib xyuas rooj plaub (case management) hauv Minnesota
home-lead = Tus neeg saib xyuas rooj plaub (case manager) pab koj kom tau cov kev pab thiab kev txhawb nqa uas koj xav tau, kom koj nyob tau raws li koj xav. Koj muaj cai xaiv leej twg los saib xyuas koj rooj plaub, thiab koj muaj cai hloov.
home-find = Nrhiav ib lub koom haum
home-compare = Muab cov koom haum los piv
home-what = Kev saib xyuas rooj plaub (case management) yog dab tsi?
home-what-intro = Kev saib xyuas rooj plaub yog kev pab los ntawm ib tus neeg uas paub koj cov kev xav tau thiab koj cov hom phiaj. Koj tus neeg saib xyuas rooj plaub (case manager):
home-what-1 = ntsib nrog koj kom paub tias koj xav tau dab tsi thiab dab tsi tseem ceeb rau koj,
home-what-2 = sau ib daim phiaj xwm nrog koj, thiab rov tshuaj xyuas nrog koj tsawg kawg ib xyoos ib zaug,
home-what-3 = txuas koj mus rau cov kev pab xws li kev kho mob, vaj tse, kev ua haujlwm, kev kawm ntawv thiab kev pab hauv tsev,
home-what-4 = sib txuas lus nrog koj tas li, feem ntau yog txhua lub hlis,
home-what-5 = pab thaum muaj kev hloov pauv, piv txwv li tom qab koj pw tsev kho mob.
home-what-kinds = Muaj ntau hom kev saib xyuas rooj plaub uas Kev Pab Them Nqi Kho Mob (Medical Assistance) them. Daim ntawv qhia qhab nia no muaj { $count } hom, txij li kev saib xyuas rooj plaub txog kev noj qab haus huv ntawm lub hlwb (mental health) mus txog rau Kev Pab Rau Neeg Laus (Elderly Waiver) thiab kev npaj kev saib xyuas los ntawm lub phiaj xwm kho mob (health plan care coordination).
home-expect = Tej yam koj yuav tau txais
home-expect-1 = Tau txais kev hwm, ua koj hom lus. Tus neeg txhais lus yog pub dawb.
home-expect-2 = Tau koom nrog txhua qhov kev txiav txim siab txog koj daim phiaj xwm.
home-expect-3 = Paub tias yuav tiv tauj koj tus neeg saib xyuas rooj plaub (case manager) li cas.
home-expect-4 = Tau paub txog koj txoj cai xaiv thiab hloov koj lub koom haum muab kev pab (provider).
home-choose = Yuav xaiv li cas
home-choose-1-html = <a href="{ $root }find.html">Nrhiav cov koom haum muab kev pab</a> uas pab koj lub nroog (county) thiab koj hom kev saib xyuas rooj plaub (case management).
home-choose-2 = Nrhiav cov neeg ua haujlwm uas hais koj hom lus, cov kev pab raws koj haiv kab lis kev cai, thiab cov koom haum uas tseem txais neeg tshiab.
home-choose-3 = Qhib ib lub koom haum nplooj ntawv los saib nws cov txiaj ntsig ib sab ntawm cov txiaj ntsig thoob lub xeev.
home-choose-4 = Muab txog peb lub koom haum los piv ib sab rau ib sab.
home-choose-5 = Hu rau cov koom haum uas koj nyiam. Nug seb koj yuav ntsib lawv ntau npaum li cas thiab yuav tiv tauj lawv li cas.
home-choose-change = Yog koj xav xaiv los yog hloov koj lub koom haum, qhia rau koj lub chaw haujlwm pab tib neeg hauv nroog (county human services) los yog ntawm pawg neeg Khab (tribal human services), los yog qhia rau koj lub phiaj xwm kho mob (health plan) yog tias koj muaj. Koj tsis tas yuav muaj laj thawj thiaj hloov tau.
home-choose-sheets-html = Cov neeg ua haujlwm txais neeg hauv nroog (county intake workers) muab tau luam <a href="{ $root }sheets/index.html">daim ntawv xaiv rau txhua lub nroog</a>: txhua lub koom haum uas pab lub nroog ntawd, nrog rau lawv cov ntaub ntawv tiv tauj thiab cov txiaj ntsig, nyob rau ob peb nplooj ntawv.
home-read = Yuav nyeem cov txiaj ntsig li cas
home-read-intro = Peb muab txhua lub koom haum los piv rau tag nrho lub xeev. Peb siv peb lo lus, thiab peb yeej tsis siv xim xwb:
home-read-better = Lub koom haum cov txiaj ntsig pom tseeb tias zoo dua cov txiaj ntsig thoob lub xeev.
home-read-same = Peb qhia tsis tau tias nws txawv ntawm cov txiaj ntsig thoob lub xeev.
home-read-worse = Lub koom haum cov txiaj ntsig pom tseeb tias phem dua cov txiaj ntsig thoob lub xeev.
home-read-too-few = Suav tau tsawg dua 30 tus neeg los yog 30 zaug, tsawg dhau los txiav txim kom ncaj ncees. Lub koom haum tseem muaj npe nyob hauv daim ntawv.
home-read-adjusted-html = Qee cov txiaj ntsig yog "kho raws kev pheej hmoo" (risk-adjusted). Qhov no txhais tau tias lawv xam txog qhov uas qee lub koom haum pab cov neeg uas mob hnyav dua los yog xav tau kev pab ntau dua, kom kev sib piv thiaj ncaj ncees. <a href="{ $site }methodology.html">Nyeem seb peb suav cov txiaj ntsig li cas</a>.
home-help = Kev pab ua koj hom lus
home-others = Rau cov koom haum muab kev pab thiab pawg neeg saib xyuas kev ua haujlwm zoo (quality council)
home-others-text-html = Txhua lub koom haum nplooj ntawv muaj txoj kab txuas mus rau ib daim ntawv qhia ntxaws raws hom kev saib xyuas rooj plaub (case management) thiab raws pab pawg neeg. Daim <a href="{ $site }review/index.html">kev tshuaj xyuas txhua peb lub hlis</a> qhia txog tej yam uas hloov thoob lub xeev, tej kev hloov pauv, qhov txawv ntawm cov pab pawg thiab qhov zoo ntawm cov ntaub ntawv. Koj <a href="{ $site }downloads.html">rub tau tag nrho cov txiaj ntsig uas tau tshaj tawm</a>.
home-provider-count = Daim ntawv qhia qhab nia no teev { $count ->
    [one] { $n } lub koom haum
   *[other] { $n } lub koom haum
}.

## Find page and the lists of providers

find-title = Nrhiav ib lub koom haum muab kev saib xyuas rooj plaub (case management)
find-lead-html = Txhua lub koom haum muaj npe nyob hauv qab no. Koj kuj saib tau <a href="#by-county">cov npe raws lub nroog</a>, <a href="#by-type">cov npe raws hom kev saib xyuas rooj plaub</a> thiab <a href="{ $root }sheets/index.html">cov ntawv xaiv uas luam tau</a>.
find-narrow = Txo cov npe kom tsawg
find-county = Lub nroog (county) uas koj nyob
find-any-county = Txhua lub nroog
find-type = Hom kev saib xyuas rooj plaub (case management)
find-any-type = Txhua hom
find-language = Hom lus uas cov neeg ua haujlwm hais
find-any-language = Txhua hom lus
find-cultural = Tsuas yog cov koom haum uas muaj kev pab raws haiv kab lis kev cai
find-accepting = Tsuas yog cov koom haum uas tseem txais neeg tshiab
find-sort = Teeb raws
find-sort-name = Npe (A txog Z)
find-sort-note = Thaum teeb raws ib qho txiaj ntsig, qhov txiaj ntsig zoo tshaj yuav nyob ua ntej, thiab cov koom haum uas muaj neeg tsawg dhau ntsuas tsis tau yuav nyob kawg.
find-show = Qhia cov koom haum uas haum
find-all = Txhua lub koom haum
find-by-county = Cov koom haum raws lub nroog
find-by-type = Cov koom haum raws hom kev saib xyuas rooj plaub
find-matches = { $count ->
    [one] { $n } lub koom haum haum.
   *[other] { $n } lub koom haum haum.
}
find-sorted = Teeb raws “{ $measure }”, qhov txiaj ntsig zoo tshaj ua ntej.
find-sorted-name = Teeb raws npe.
list-back = Nrhiav ib lub koom haum
list-county-title = Cov koom haum uas pab { $county }
list-county-heading = Cov koom haum muab kev saib xyuas rooj plaub (case management) uas pab { $county }
list-county-intro = { $count ->
    [one] { $n } lub koom haum pab
   *[other] { $n } lub koom haum pab
} cov neeg uas nyob hauv { $county }.
list-county-sheet-html = <a href="{ $root }sheets/{ $slug }.html">Daim ntawv xaiv rau { $county } uas luam tau</a>
list-type-title = Cov koom haum muab { $type }
list-type-intro = { $count ->
    [one] { $n } lub koom haum muab
   *[other] { $n } lub koom haum muab
} hom kev saib xyuas rooj plaub no.
list-providers = Cov koom haum
county-name = Lub Nroog { $name }

## A provider card (find page, lists, choice sheets)

card-kind = Hom koom haum
card-types = Cov hom kev saib xyuas rooj plaub
card-counties = Cov nroog uas pab
card-languages = Cov lus uas cov neeg ua haujlwm hais
card-cultural = Kev pab raws haiv kab lis kev cai
card-accepting = Txais neeg tshiab
card-phone = Xov tooj
card-website = Vev xaib
card-address = Chaw nyob
accepting-yes = Yog
accepting-no = Tsis yog
accepting-unknown = Tsis tau hais
cultural-none = Tsis muaj teev npe
cultural-yes = Muaj

## At-a-glance results

summary-label-all = Cov txiaj ntsig piv rau lub xeev, txhua hom ua ke:
summary-label-type = Cov txiaj ntsig piv rau lub xeev, { $type }:
tally-better = { $count ->
    [one] { $n } zoo dua
   *[other] { $n } zoo dua
}
tally-same = { $count ->
    [one] { $n } kwv yees ib yam
   *[other] { $n } kwv yees ib yam
}
tally-worse = { $count ->
    [one] { $n } phem dua
   *[other] { $n } phem dua
}
tally-too-few = { $count ->
    [one] { $n } tsawg dhau ntsuas tsis tau
   *[other] { $n } tsawg dhau ntsuas tsis tau
}
tally-none = Tseem tsis tau muaj txiaj ntsig.
summary-survey = Cov neeg uas muab 9 los yog 10 qhab nia ntawm 10 rau lawv txoj kev saib xyuas rooj plaub (case management): { $rate } (lub xeev { $state }).

## Provider page

provider-summary = Lus luv luv
provider-summary-sentence = Ntawm { $rated } qho txiaj ntsig uas peb ntsuas tau, { $better } qho { $better ->
    [one] zoo dua
   *[other] zoo dua
} lub xeev, { $same } qho kwv yees ib yam thiab { $worse } qho phem dua.
provider-summary-none = Peb lub hlis no tsis muaj ib qho txiaj ntsig ntawm lub koom haum no uas muab piv tau rau lub xeev.
provider-summary-too-few = { $count ->
    [one] Muaj ib qho kev ntsuas ntxiv
   *[other] Muaj { $n } qho kev ntsuas ntxiv
} uas muaj neeg tsawg dhau ntsuas tsis tau.
provider-differs = Qhov twg lub koom haum no txawv ntawm lub xeev tshaj plaws
provider-differs-item = { $measure }: { $ours }, thoob lub xeev { $state }.
provider-no-differs = Tsis muaj ib qho txiaj ntsig twg pom tseeb tias txawv ntawm lub xeev.
provider-about = Txog lub koom haum no
provider-id = Tus lej ntawm lub koom haum
provider-records-from = Cov ntaub ntawv txog lub koom haum no los ntawm: { $submitters }.
provider-no-records = Tsis muaj ntaub ntawv nyob rau lub sijhawm no.
provider-details-link-html = <a href="{ $site }providers/{ $id }-details.html">Daim ntawv qhia ntxaws rau lub koom haum no</a>: txhua qhov kev ntsuas raws hom kev saib xyuas rooj plaub (case management) thiab raws pab pawg neeg, ib sab ntawm cov txiaj ntsig thoob lub xeev.
provider-results = Cov txiaj ntsig piv rau lub xeev
provider-results-intro-html = Txhua qhov txiaj ntsig yog lub koom haum no li, nrog rau qhov ntau npaum uas nws yuav nyob hauv, ib sab ntawm cov txiaj ntsig thoob lub xeev. Daim duab qhia qhov ntau npaum ntawd ua ib txoj kab, thiab qhia cov txiaj ntsig thoob lub xeev ua ib txoj kab txiav txiav. Kom muab cov koom haum piv tau ncaj ncees, feem ntau cov txiaj ntsig raug kho ua ntej muab piv: txhua qhov txiaj ntsig qhia tias nws raug muab piv li cas. <a href="{ $site }methodology.html#adjust">Peb kho cov txiaj ntsig li cas</a>.
provider-hidden-note = Qhov kev ntsuas qib siv lub koom haum no cov txiaj ntsig uas tau kho lawm. Peb tsis qhia cov txiaj ntsig ntawd vim nws yuav qhia tau tias suav tau pes tsawg tus neeg ntawm ib hom kev saib xyuas rooj plaub, yog li peb qhia cov txiaj ntsig tiag tiag hloov; ob qho no yuav txawv tau.
this-provider = Lub koom haum no
statewide = Thoob lub xeev
provider-why = Vim li cas nws tseem ceeb thiab cov txiaj ntsig raws txhua peb lub hlis
provider-by-quarter = { $measure }: raws txhua peb lub hlis
quarter = Peb lub hlis
provider-none-rated = Peb lub hlis no tsis muaj ib qho kev ntsuas twg muaj neeg txaus ntawm lub koom haum no los ntsuas.
provider-too-few = Tsawg dhau ntsuas tsis tau
provider-too-few-intro = Rau cov kev ntsuas no, suav tau tsawg dua 30 tus neeg los yog 30 zaug ntawm lub koom haum no, tsawg dhau los txiav txim kom ncaj ncees. Peb qhia cov txiaj ntsig thoob lub xeev kom koj siv los piv.
provider-too-few-caption = Cov kev ntsuas uas tsawg dhau ntsuas tsis tau
measure = Kev ntsuas
provider-caseload = Txhua tus neeg saib xyuas rooj plaub (case manager) pab pes tsawg tus neeg
provider-caseload-intro = Cov neeg uas tseem muaj rooj plaub qhib rau hnub kawg ntawm peb lub hlis, rau txhua tus neeg saib xyuas rooj plaub (case manager) uas ua haujlwm puv sijhawm. Yog ib tus neeg saib xyuas rooj plaub pab neeg tsawg dua, feem ntau txhais tau tias nws muaj sijhawm ntau dua rau txhua tus neeg.
provider-caseload-caption = Cov neeg rau ib tus neeg saib xyuas rooj plaub (case manager) uas ua haujlwm puv sijhawm
state-standard = Tus qauv ntawm lub xeev
caseload-too-few = Neeg tsawg dhau qhia tsis tau
caseload-standard = { $n } los yog tsawg dua
caseload-no-standard = Lub xeev tsis muaj tus qauv
provider-survey = Tej yam uas tib neeg hais hauv kev nug txog kev txais kev pab (experience survey)
provider-survey-hidden-note = Qhov kev ntsuas qib siv lub koom haum no cov txiaj ntsig uas tau kho lawm. Peb tsis qhia cov txiaj ntsig ntawd, kom tiv thaiv tib neeg txoj kev ceev ntiag tug, yog li peb qhia cov txiaj ntsig tiag tiag hloov; ob qho no yuav txawv tau.
provider-survey-too-few = Tsawg dua 30 tus neeg teb daim ntawv nug.
provider-survey-caption = Feem ntawm cov neeg uas teb tias "feem ntau" los yog "ib txwm" (los yog "yog")
question = Lo lus nug
provider-unadjusted-note = Peb lub hlis no, peb siv tsis tau tus qauv xam kev pheej hmoo, yog li qhov txiaj ntsig no tsis tau kho raws kev pheej hmoo (risk-adjusted). Peb muab nws piv rau cov koom haum uas muab tib hom kev saib xyuas rooj plaub (case management) xwb: nws xam txog cov hom kev saib xyuas rooj plaub sib xyaw uas lub koom haum no muab, tab sis tsis xam txog kev noj qab haus huv thiab kev xav tau ntawm cov neeg uas nws pab.
chart-result = { $name }: { $value }{ $range }; thoob lub xeev { $state }.
chart-range = , tej zaum nyob nruab nrab ntawm { $low } thiab { $high }
chart-too-few = { $name }: tsawg dhau ntsuas tsis tau; thoob lub xeev { $state }.
chart-no-state = { $name }: tsis muaj txiaj ntsig thoob lub xeev.
chart-trend = { $measure }: cov txiaj ntsig raws txhua peb lub hlis rau { $name } thiab thoob lub xeev; lub rooj hauv qab no teev cov txiaj ntsig ntawd.
series-provider = Lub koom haum no
series-state = Thoob lub xeev

## One result

result-likely = tej zaum nyob nruab nrab ntawm { $range }
result-range = { $low } thiab { $high }
result-hidden = cov txiaj ntsig tiag tiag (peb tsis qhia cov txiaj ntsig uas tau kho lawm, kom tiv thaiv kev ceev ntiag tug)
result-rounded = tus lej kwv yees; cov lej suav tau me dhau qhia tsis tau
result-counts-html = { $numerator } ntawm { $denominator }
no-result = Tsis muaj txiaj ntsig
too-few-to-rate = Tsawg dhau ntsuas tsis tau
does-not-apply = Tsis siv rau qhov no
fewer-than-30 = Suav tau tsawg dua 30

## Compare pages

compare-title = Muab cov koom haum los piv
compare-lead = Saib txog peb lub koom haum ib sab rau ib sab, ib qho kev ntsuas zuj zus.
compare-intro-html = Peb kho cov txiaj ntsig kom muab cov koom haum piv tau ncaj ncees: cov kev ntsuas uas kho raws kev pheej hmoo (risk-adjusted) xam txog kev noj qab haus huv thiab kev xav tau ntawm cov neeg uas txhua lub koom haum pab, thiab lwm cov kev ntsuas xam txog cov hom kev saib xyuas rooj plaub (case management) sib xyaw uas txhua lub koom haum muab. <a href="{ $site }methodology.html#adjust">Peb kho cov txiaj ntsig li cas</a>.
compare-choose = Xaiv txog peb lub koom haum
compare-provider = Lub koom haum { $k }
compare-none = Tsis muaj
compare-button = Muab piv
compare-by-county = Muab cov koom haum hauv koj lub nroog (county) los piv
compare-by-county-intro = Txhua nplooj ntawv hauv qab no qhia txhua lub koom haum uas pab lub nroog ntawd, ib qho kev ntsuas zuj zus.
compare-side-by-side = Ib sab rau ib sab, { $period }
compare-county-title = Muab cov koom haum hauv { $county } los piv
compare-county-lead = Txhua lub koom haum uas pab { $county }, ib qho kev ntsuas zuj zus, ib sab ntawm cov txiaj ntsig thoob lub xeev.
compare-statewide-html = Thoob lub xeev: <strong>{ $state }</strong>. { $how } <a href="{ $site }measures/{ $id }.html">Txog qhov kev ntsuas no</a>.
compare-how = Peb muab cov koom haum los piv siv { $summary }.
compare-caption = { $measure }: cov koom haum hauv { $county }
compare-result = Txiaj ntsig
compare-with-state = Piv rau lub xeev
provider = Lub koom haum

## Choice sheets

sheets-title = Cov ntawv xaiv raws lub nroog
sheets-lead = Daim ntawv xaiv teev txhua lub koom haum muab kev saib xyuas rooj plaub (case management) uas pab ib lub nroog (county), raws hom kev saib xyuas rooj plaub, nrog rau cov ntaub ntawv tiv tauj thiab cov txiaj ntsig. Nws yog ua los luam tawm thiab muab rau tus neeg uas tab tom xaiv ib lub koom haum. Txhua hom kev saib xyuas rooj plaub pib rau ib daim ntawv tshiab.
sheet-title = Xaiv kev saib xyuas rooj plaub (case management) hauv { $county }
sheet-lead = Cov koom haum no pab cov neeg uas nyob hauv { $county }. Koj muaj cai xaiv koj lub koom haum muab kev saib xyuas rooj plaub (case management), thiab koj muaj cai hloov. Cov txiaj ntsig yog rau { $period } ({ $window }).
sheet-how-to-read = “Txiaj ntsig” suav cov kev ntsuas uas ib lub koom haum zoo dua, kwv yees ib yam li, los yog phem dua lub xeev, thiab cov kev ntsuas uas muaj neeg tsawg dhau ntsuas tsis tau. Tag nrho cov txiaj ntsig nyob rau txhua lub koom haum nplooj ntawv hauv daim ntawv qhia qhab nia.
sheet-group-heading = { $type } hauv { $county }
sheet-group-count = { $count ->
    [one] { $n } lub koom haum
   *[other] { $n } lub koom haum
}
sheet-results = Txiaj ntsig
sheet-full-results = Tag nrho cov txiaj ntsig ntawm lub koom haum no
sheet-no-providers = Tsis muaj ib lub koom haum twg teev { $county } ua ib lub nroog uas nws pab.
sheet-missing = Cov hom kev saib xyuas rooj plaub uas tsis muaj ib lub koom haum twg muab hauv { $county }
sheet-printed = Los ntawm Daim Ntawv Qhia Qhab Nia Txog Kev Saib Xyuas Rooj Plaub hauv Minnesota, cov txiaj ntsig rau { $period }.

## Words for codes

category-better = Zoo dua lub xeev
category-worse = Phem dua lub xeev
category-no-different = Kwv yees ib yam li lub xeev
category-too-few = Tsawg dhau ntsuas tsis tau
category-none = Tsis tau ntsuas
basis-risk = Kho raws kev pheej hmoo (risk-adjusted): muab piv tom qab xam txog kev noj qab haus huv thiab kev xav tau ntawm cov neeg uas txhua lub koom haum pab.
basis-type = Muab piv rau cov koom haum uas muab tib hom kev saib xyuas rooj plaub (case management): qhov txiaj ntsig xam txog cov hom kev pab sib xyaw uas lub koom haum no muab.
basis-none = Muab piv rau lub xeev cov txiaj ntsig rau hom kev saib xyuas rooj plaub (case management) no.
qualifier-risk = kho raws kev pheej hmoo
qualifier-type = kho raws hom kev saib xyuas rooj plaub
summary-risk = cov txiaj ntsig uas kho raws kev pheej hmoo
summary-type = cov txiaj ntsig uas kho raws cov hom kev saib xyuas rooj plaub sib xyaw uas txhua lub koom haum muab
summary-one-type = cov txiaj ntsig tiag tiag, vim qhov kev ntsuas no tsuas yog rau ib hom kev saib xyuas rooj plaub xwb
kind-county = Chaw haujlwm pab tib neeg hauv nroog (county human services)
kind-tribal = Pawg neeg Khab (tribal nation)
kind-private = Koom haum ntiag tug
kind-mco = Lub phiaj xwm kho mob (health plan)
cm-type-AMH-TCM = Kev saib xyuas rooj plaub txog kev noj qab haus huv ntawm lub hlwb rau cov neeg loj
cm-type-CMH-TCM = Kev saib xyuas rooj plaub txog kev noj qab haus huv ntawm lub hlwb rau cov me nyuam
cm-type-CW-TCM = Kev saib xyuas rooj plaub txog kev tiv thaiv me nyuam (child welfare)
cm-type-VADD-TCM = Kev saib xyuas rooj plaub rau cov neeg loj uas yooj yim raug tsim txom thiab cov neeg muaj kev xiam oob khab txog kev loj hlob
cm-type-RSC-TCM = Kev npaj pab tsiv chaw nyob (relocation service coordination)
cm-type-EW = Kev saib xyuas rooj plaub rau Kev Pab Rau Neeg Laus (Elderly Waiver)
cm-type-CADI = Kev saib xyuas rooj plaub rau CADI waiver (kev pab kom cov neeg xiam oob khab koom tau nrog lub zej zog)
cm-type-DD = Kev saib xyuas rooj plaub rau waiver kev xiam oob khab txog kev loj hlob (Developmental Disabilities waiver)
cm-type-BI = Kev saib xyuas rooj plaub rau waiver lub paj hlwb raug mob (Brain Injury waiver)
cm-type-CAC = Kev saib xyuas rooj plaub rau waiver kev saib xyuas lwm txoj hauv zej zog (Community Alternative Care waiver)
cm-type-AC = Kev saib xyuas rooj plaub rau qhov kev pab Alternative Care
cm-type-CC-MSHO = Kev npaj kev saib xyuas los ntawm lub phiaj xwm kho mob: Minnesota Senior Health Options (MSHO)
cm-type-CC-MSC = Kev npaj kev saib xyuas los ntawm lub phiaj xwm kho mob: Minnesota Senior Care Plus (MSC+)
cm-type-CC-SNBC = Kev npaj kev saib xyuas los ntawm lub phiaj xwm kho mob: Special Needs BasicCare (SNBC)
cm-type-ALL = Txhua hom ua ke
language-eng = Lus Askiv
language-spa = Lus Mev
language-hmn = Lus Hmoob
language-som = Lus Somali
language-kar = Lus Karen
language-orm = Lus Oromo
language-amh = Lus Amharic
language-oji = Lus Ojibwe
language-dak = Lus Dakota
language-vie = Lus Nyab Laj
language-lao = Lus Nplog
language-khm = Lus Khmer
language-ase = Lus Piav Tes Asmeskas (ASL)
language-rus = Lus Lavxias
language-ara = Lus Arab
language-fra = Lus Fabkis
language-zho = Lus Suav
language-cmn = Lus Suav Mandarin
language-yue = Lus Suav Cantonese
language-tir = Lus Tigrinya
language-swa = Lus Swahili
language-nep = Lus Nepali
language-mya = Lus Burmese
language-ukr = Lus Ukrainian
language-por = Lus Portuguese
language-other = Lwm hom lus ({ $code })
survey-helped = Kuv tus neeg saib xyuas rooj plaub (case manager) pab kuv kom tau cov kev pab uas kuv xav tau
survey-listened = Kuv tus neeg saib xyuas rooj plaub (case manager) mloog kuv hais
survey-respect = Kuv tus neeg saib xyuas rooj plaub (case manager) hwm kuv
survey-reachable = Kuv tiv tauj tau kuv tus neeg saib xyuas rooj plaub (case manager) thaum kuv xav tau
survey-informed_choice = Muaj neeg qhia kuv tias kuv xaiv tau kuv lub koom haum muab kev saib xyuas rooj plaub (case management)
survey-goals_progress = Kuv tab tom ua tiav zuj zus rau kuv cov hom phiaj
