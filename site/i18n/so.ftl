# Somali (Af-Soomaali): the catalog of the consumer pages, translated from en.ftl (site/i18n/languages.toml).
# Messages ending in -html are markup: keep their tags and attributes as they are, and
# translate the words between them. { $root } leads to this language's pages, { $site } to the
# pages that are in English only.
# Counted messages get { $count } (chooses the plural form) and { $n } (the number as written).

## Qaabka bog kasta (The frame of every page)

site-name = Kaarka Warbixinta Maareynta Kiiska ee Minnesota
skip-link = U gudub qaybta ugu muhiimsan ee bogga
nav-label = Hagaha bogga
nav-home = Bogga hore
nav-find = Raadi bixiye
nav-compare = Isbarbardhig
nav-measures = Cabbirrada
nav-review = Dib-u-eegista rubuca
nav-methodology = Sida aan u xisaabinno
nav-downloads = Xogta
page-title = { $title } | Kaarka Warbixinta Maareynta Kiiska ee Minnesota
source-note-html = Natiijooyinka <strong>{ $period }</strong> waxay daboolayaan { $window }. { $sources } <a href="{ $site }sources.html">Halka xogtu ka timaado</a>.
sources-line = Xogta waxaa soo diray { $counties }, { $tribes } iyo { $plans }.
sources-counties = { $count ->
    [one] { $n } degmo
   *[other] { $n } degmo
}
sources-tribes = { $count ->
    [one] { $n } qabiil (tribal nation)
   *[other] { $n } qabiil (tribal nations)
}
sources-plans = { $count ->
    [one] { $n } qorshe caafimaad
   *[other] { $n } qorshe caafimaad
}
footer-about = Kaarka warbixintan waxaa daabacay Gobolka Minnesota. Waxaa loogu talagalay dadka dooranaya maareynta kiiska, bixiyeyaasha adeegga iyo golaha tayada ee gobolka. Tirooyinka lama muujiyo marka dadku ka yar yihiin 11 qof, heerarkana (rates) lama muujiyo marka ay ka yar yihiin 30.
footer-methodology = Sida natiijooyinka loo xisaabiyo
footer-sources = Halka xogta laga helay
footer-downloads = Soo deji xogta
switcher-label = Luqadda
switcher-english-only = Boggan wuxuu ku qoran yahay Ingiriisi oo keliya.
draft-notice-html = Boggan waxaa lagu turjumay kombiyuutar, weli ma hubin turjumaan xirfad leh. Haddii ay wax kuu caddayn waayaan, eeg <a href="{ $english }" hreflang="en">bogga af-Ingiriisiga ah</a>.
period-label = Rubuca { $quarter } { $year }
window-words = { $start } ilaa { $end }
month-year = { $month ->
    [1] Janaayo
    [2] Febraayo
    [3] Maarso
    [4] Abriil
    [5] Maajo
    [6] Juun
    [7] Luuliyo
    [8] Agoosto
    [9] Sebtembar
    [10] Oktoobar
    [11] Nofembar
   *[12] Desembar
} { $year }

## Bogga hore (Home page)

home-title = Doorashada maareynta kiiska ee Minnesota
home-lead = Maareeyaha kiisku wuxuu kaa caawiyaa inaad hesho adeegyada iyo taageerada aad u baahan tahay si aad ugu noolaato sida aad rabto. Waxaad xaq u leedahay inaad doorato cidda ku siinaysa maareynta kiiska, iyo inaad beddesho.
home-find = Raadi bixiye
home-compare = Isbarbardhig bixiyeyaasha
home-what = Waa maxay maareynta kiisku (case management)?
home-what-intro = Maareynta kiisku waa caawimaad aad ka hesho hal qof oo garanaya baahiyahaaga iyo hadafyadaada. Maareeyaha kiiskaagu:
home-what-1 = wuu kula kulmaa si uu u barto waxaad u baahan tahay iyo waxa adiga kuu muhiimka ah,
home-what-2 = wuxuu kula qoraa qorshe, wuxuuna kula eegaa ugu yaraan hal mar sannadkii,
home-what-3 = wuxuu kugu xiraa adeegyo sida daryeel caafimaad, guri, shaqo, iskuul iyo taageero guriga ah,
home-what-4 = wuu kula xiriiraa, badanaa bil kasta,
home-what-5 = wuu ku caawiyaa marka ay wax isbeddelaan, tusaale ahaan kadib markaad isbitaal ka soo baxdo.
home-what-kinds = Noocyo badan oo maareynta kiiska ah waxaa bixiya Kaalmada Caafimaadka (Medical Assistance). Kaarka warbixintan wuxuu daboolayaa { $count } nooc, laga bilaabo maareynta kiiska caafimaadka maskaxda ilaa barnaamijka waayeelka (Elderly Waiver) iyo isuduwidda daryeelka ee qorshaha caafimaadka (health plan care coordination).
home-expect = Waxa aad filan karto
home-expect-1 = In laguula dhaqmo si ixtiraam leh, luqaddaada. Turjubaanku waa bilaash.
home-expect-2 = Inaad ka qayb qaadato go'aan kasta oo ku saabsan qorshahaaga.
home-expect-3 = Inaad ogaato sida aad ula xiriiri karto maareeyaha kiiskaaga.
home-expect-4 = In laguu sheego xaqa aad u leedahay inaad doorato oo aad beddesho bixiyahaaga.
home-choose = Sida loo doorto
home-choose-1-html = <a href="{ $root }find.html">Raadi bixiyeyaal</a> u adeega degmadaada iyo nooca maareynta kiiska ee aad rabto.
home-choose-2 = Raadi shaqaale ku hadla luqaddaada, adeegyo ku habboon dhaqankaaga, iyo bixiyeyaal qaadanaya dad cusub.
home-choose-3 = Fur bogga bixiye si aad u aragto natiijooyinkiisa oo ag yaal natiijooyinka gobolka oo dhan.
home-choose-4 = Isbarbardhig ilaa saddex bixiye oo dhinac dhinac ah.
home-choose-5 = Wac bixiyeyaasha aad jeceshahay. Weydii inta jeer ee aad kulmi doontaan iyo sida aad ula xiriiri karto.
home-choose-change = Si aad u doorato ama u beddesho bixiyahaaga, u sheeg xafiiska adeegyada bulshada (human services) ee degmadaada ama qabiilkaaga (tribal), ama qorshahaaga caafimaadka (health plan) haddii aad mid leedahay. Uma baahnid sabab si aad u beddesho.
home-choose-sheets-html = Shaqaalaha diiwaangelinta ee degmadu (county intake workers) waxay daabici karaan <a href="{ $root }sheets/index.html">warqad doorasho oo degmo kasta ah</a>: bixiye kasta oo u adeega degmada, oo ay la socdaan macluumaadka xiriirka iyo natiijooyinkooda, dhowr bog gudahood.
home-read = Sida loo akhriyo natiijooyinka
home-read-intro = Bixiye kasta waxaa lala barbardhigaa gobolka oo dhan. Waxaan isticmaalnaa saddex eray, marnaba midab keliya ma isticmaalno:
home-read-better = Natiijada bixiyuhu si cad ayay uga fiican tahay natiijada gobolka oo dhan.
home-read-same = Kalama saari karno natiijada gobolka oo dhan.
home-read-worse = Natiijada bixiyuhu si cad ayay uga liidataa natiijada gobolka oo dhan.
home-read-too-few = Waxaa la tiriyay wax ka yar 30 qof ama dhacdo. Taasi aad bay u yar tahay si si cadaalad ah loo qiimeeyo. Bixiyuhu weli liiska wuu ku jiraa.
home-read-adjusted-html = Natiijooyinka qaarkood waa "kuwo la waafajiyay khatarta" (risk-adjusted). Tani waxay ka dhigan tahay in la tixgeliyo in bixiyeyaasha qaarkood u adeegaan dad aad u xanuunsan ama baahiyo badan qaba, si isbarbardhiggu cadaalad u noqdo. <a href="{ $site }methodology.html">Akhri sida aan u xisaabinno natiijooyinka</a>.
home-help = Caawimaad luqaddaada ah
home-others = Bixiyeyaasha iyo golaha tayada
home-others-text-html = Bog kasta oo bixiye wuxuu xiriir la leeyahay warbixin faahfaahsan oo loo kala qaybiyay nooca maareynta kiiska iyo kooxda dadka. <a href="{ $site }review/index.html">Dib-u-eegista rubuca</a> waxay muujisaa jihooyinka guud ee gobolka oo dhan, isbeddellada, kala duwanaanshaha kooxaha iyo tayada xogta. Waxaad <a href="{ $site }downloads.html">soo dejisan kartaa dhammaan natiijooyinka la daabacay</a>.
home-provider-count = Kaarka warbixintan wuxuu ku qoran yahay { $count ->
    [one] { $n } bixiye
   *[other] { $n } bixiye
}.

## Bogga raadinta iyo liisaska bixiyeyaasha (Find page and the lists of providers)

find-title = Raadi bixiye maareynta kiiska
find-lead-html = Bixiye kasta waxaa lagu qoray hoos. Waxaad sidoo kale arki kartaa <a href="#by-county">liisaska degmo-degmo</a>, <a href="#by-type">liisaska nooca maareynta kiiska</a> iyo <a href="{ $root }sheets/index.html">warqadaha doorashada ee la daabici karo</a>.
find-narrow = Yaree liiska
find-county = Degmada aad ku nooshahay
find-any-county = Degmo kasta
find-type = Nooca maareynta kiiska
find-any-type = Nooc kasta
find-language = Luqadda ay shaqaaluhu ku hadlaan
find-any-language = Luqad kasta
find-cultural = Kaliya bixiyeyaasha leh adeegyo ku habboon dhaqan gaar ah
find-accepting = Kaliya bixiyeyaasha qaadanaya dad cusub
find-sort = U kala saar
find-sort-name = Magaca (A ilaa Z)
find-sort-note = Marka aad natiijo ku kala saarto, natiijada ugu fiican ayaa ugu horreysa. Bixiyeyaasha aan lahayn dad ku filan oo lagu qiimeeyo ayaa ugu dambeeya.
find-show = Muuji bixiyeyaasha ku habboon
find-all = Dhammaan bixiyeyaasha
find-by-county = Bixiyeyaasha degmo-degmo
find-by-type = Bixiyeyaasha nooca maareynta kiiska
find-matches = { $count ->
    [one] { $n } bixiye ayaa ku habboon.
   *[other] { $n } bixiye ayaa ku habboon.
}
find-sorted = Waxaa loo kala saaray “{ $measure }”, natiijada ugu fiican ayaa ugu horreysa.
find-sorted-name = Waxaa loo kala saaray magaca.
list-back = Raadi bixiye
list-county-title = Bixiyeyaasha u adeega { $county }
list-county-heading = Bixiyeyaasha maareynta kiiska ee u adeega { $county }
list-county-intro = { $count ->
    [one] { $n } bixiye ayaa u adeega
   *[other] { $n } bixiye ayaa u adeega
} dadka ku nool { $county }.
list-county-sheet-html = <a href="{ $root }sheets/{ $slug }.html">Warqadda doorashada ee la daabici karo ee { $county }</a>
list-type-title = Bixiyeyaasha bixiya { $type }
list-type-intro = { $count ->
    [one] { $n } bixiye ayaa bixiya
   *[other] { $n } bixiye ayaa bixiya
} noocan maareynta kiiska.
list-providers = Bixiyeyaasha
county-name = Degmada { $name }

## Kaarka bixiyaha (A provider card: find page, lists, choice sheets)

card-kind = Nooca
card-types = Noocyada maareynta kiiska
card-counties = Degmooyinka loo adeego
card-languages = Luqadaha ay shaqaaluhu ku hadlaan
card-cultural = Adeegyo ku habboon dhaqan gaar ah
card-accepting = Qaadanaya dad cusub
card-phone = Telefoon
card-website = Websaydh
card-address = Cinwaan
accepting-yes = Haa
accepting-no = Maya
accepting-unknown = Lama sheegin
cultural-none = Midna lama qorin
cultural-yes = Haa

## Natiijooyinka oo kooban (At-a-glance results)

summary-label-all = Natiijooyinka marka la barbardhigo gobolka, dhammaan noocyada oo wadajira:
summary-label-type = Natiijooyinka marka la barbardhigo gobolka, { $type }:
tally-better = { $count ->
    [one] { $n } ka fiican
   *[other] { $n } ka fiican
}
tally-same = { $count ->
    [one] { $n } ku dhawaad la mid ah
   *[other] { $n } ku dhawaad la mid ah
}
tally-worse = { $count ->
    [one] { $n } ka liita
   *[other] { $n } ka liita
}
tally-too-few = { $count ->
    [one] { $n } aad u yar si loo qiimeeyo
   *[other] { $n } aad u yar si loo qiimeeyo
}
tally-none = Weli natiijooyin ma jiraan.
summary-survey = Dadka maareynta kiiskooda ku qiimeeya 9 ama 10 (marka laga eego 10): { $rate } (gobolka { $state }).

## Bogga bixiyaha (Provider page)

provider-summary = Soo koobid
provider-summary-sentence = Marka laga eego { $rated } natiijo oo aan qiimeyn karno, { $better } { $better ->
    [one] ayaa ka fiican
   *[other] ayaa ka fiican
} gobolka, { $same } ayaa ku dhawaad la mid ah, { $worse } ayaana ka liita.
provider-summary-none = Rubucan ma jirto natiijo bixiyahan ah oo lala barbardhigi karo gobolka.
provider-summary-too-few = { $count ->
    [one] Hal cabbir oo kale wuxuu leeyahay
   *[other] { $n } cabbir oo kale waxay leeyihiin
} dad aad u yar oo aan lagu qiimeyn karin.
provider-differs = Meelaha uu bixiyahan ugu badan kaga duwan yahay gobolka
provider-differs-item = { $measure }: { $ours }, gobolka oo dhan { $state }.
provider-no-differs = Ma jirto natiijo si cad uga duwan gobolka.
provider-about = Ku saabsan bixiyahan
provider-id = Lambarka aqoonsiga bixiyaha
provider-records-from = Diiwaannada bixiyahan waxay ka yimaadeen: { $submitters }.
provider-no-records = Muddadan diiwaan ma jiro.
provider-details-link-html = <a href="{ $site }providers/{ $id }-details.html">Warbixin faahfaahsan oo ku saabsan bixiyahan</a>: cabbir kasta oo loo kala qaybiyay nooca maareynta kiiska iyo kooxda dadka, oo ag yaal natiijooyinka gobolka oo dhan.
provider-results = Natiijooyinka marka la barbardhigo gobolka
provider-results-intro-html = Natiijo kasta waa tan bixiyahan, oo ay la socoto inta u dhaxaysa ee ay u badan tahay inay ku jirto, oo ag taal natiijada gobolka oo dhan. Jaantusku wuxuu inta u dhaxaysa ku muujiyaa xarriiq, natiijada gobolka oo dhanna xarriiq go'go'an. Si bixiyeyaasha si cadaalad ah loo barbardhigo, natiijooyinka intooda badan waa la waafajiyaa ka hor inta aan la barbardhigin: natiijo kasta waxay sheegaysaa sida loo barbardhigay. <a href="{ $site }methodology.html#adjust">Sida natiijooyinka loo waafajiyo</a>.
provider-hidden-note = Qiimeyntu waxay isticmaashaa natiijada la waafajiyay ee bixiyahan. Lama muujinayo, sababtoo ah waxay muujin kartaa inta qof ee hal nooc oo maareynta kiiska ah la tiriyay. Sidaa darteed natiijada dhabta ah ayaa lagu beddelay; labadu way kala duwanaan karaan.
this-provider = Bixiyahan
statewide = Gobolka oo dhan
provider-why = Sababta ay muhiim u tahay iyo natiijooyinka rubuc kasta
provider-by-quarter = { $measure }: rubuc kasta
quarter = Rubuc
provider-none-rated = Rubucan ma jiro cabbir uu bixiyahan ku leeyahay dad ku filan oo lagu qiimeeyo.
provider-too-few = Aad u yar si loo qiimeeyo
provider-too-few-intro = Cabbirradan, bixiyahan waxaa laga tiriyay wax ka yar 30 qof ama dhacdo. Taasi aad bay u yar tahay si si cadaalad ah loo qiimeeyo. Natiijada gobolka oo dhan waxaa loo muujiyay tixraac ahaan.
provider-too-few-caption = Cabbirrada aad u yar si loo qiimeeyo
measure = Cabbir
provider-caseload = Inta qof ee uu maareeye kiis kastaa u adeego
provider-caseload-intro = Dadka leh kiis furan maalinta ugu dambeysa ee rubuca, maareeye kiis kasta oo waqti buuxa ah. Marka dadka maareeye kiis kastaa leeyahay ay yar yihiin, badanaa waxaa jira waqti badan oo qof walba loo helo.
provider-caseload-caption = Dadka uu leeyahay maareeye kiis kasta oo waqti buuxa ah
state-standard = Halbeegga gobolka
caseload-too-few = Dadku aad bay u yar yihiin si loo muujiyo
caseload-standard = { $n } ama ka yar
caseload-no-standard = Halbeeg gobol ma jiro
provider-survey = Waxa ay dadku ku sheegeen sahanka waayo-aragnimada
provider-survey-hidden-note = Qiimeyntu waxay isticmaashaa natiijada la waafajiyay ee bixiyahan. Lama muujinayo si loo ilaaliyo sirta, sidaa darteed natiijada dhabta ah ayaa lagu beddelay; labadu way kala duwanaan karaan.
provider-survey-too-few = Wax ka yar 30 qof ayaa ka jawaabay sahanka.
provider-survey-caption = Qaybta dadka ku jawaabay "badanaa" ama "had iyo jeer" (ama "haa")
question = Su'aal
provider-unadjusted-note = Rubucan lama samayn karin qaabka xisaabinta khatarta (risk model), sidaa darteed natiijadan laguma waafajin khatarta. Taa beddelkeeda, waxaa lala barbardhigay bixiyeyaasha u adeega isla noocyada maareynta kiiska: waxay tixgelisaa isku-dhafka noocyada ee bixiyahan, laakiin ma tixgeliso caafimaadka iyo baahiyaha dadka loo adeego.
chart-result = { $name }: { $value }{ $range }; gobolka oo dhan { $state }.
chart-range = , waxay u badan tahay inta u dhaxaysa { $low } iyo { $high }
chart-too-few = { $name }: aad u yar si loo qiimeeyo; gobolka oo dhan { $state }.
chart-no-state = { $name }: ma jirto natiijo gobolka oo dhan ah.
chart-trend = { $measure }: natiijooyinka rubuc kasta ee { $name } iyo gobolka oo dhan; shaxda hoose ayaa ku qoran.
series-provider = Bixiyahan
series-state = Gobolka oo dhan

## Hal natiijo (One result)

result-likely = waxay u badan tahay inta u dhaxaysa { $range }
result-range = { $low } iyo { $high }
result-hidden = natiijada dhabta ah (natiijada la waafajiyay lama muujin, si loo ilaaliyo sirta)
result-rounded = la soo dhoweeyay; tirooyinku aad bay u yar yihiin si loo muujiyo
result-counts-html = { $numerator } ka mid ah { $denominator }
no-result = Natiijo ma jirto
too-few-to-rate = Aad u yar si loo qiimeeyo
does-not-apply = Ma khuseyso
fewer-than-30 = Wax ka yar 30 ayaa la tiriyay

## Bogagga isbarbardhigga (Compare pages)

compare-title = Isbarbardhig bixiyeyaasha
compare-lead = Arag ilaa saddex bixiye oo dhinac dhinac ah, cabbir cabbir.
compare-intro-html = Natiijooyinka waa la waafajiyaa si bixiyeyaasha si cadaalad ah loo barbardhigo: cabbirrada la waafajiyay khatarta (risk-adjusted) waxay tixgeliyaan caafimaadka iyo baahiyaha dadka uu bixiye kastaa u adeego, kuwa kalena waxay tixgeliyaan isku-dhafka noocyada maareynta kiiska ee uu bixiye kastaa bixiyo. <a href="{ $site }methodology.html#adjust">Sida natiijooyinka loo waafajiyo</a>.
compare-choose = Dooro ilaa saddex bixiye
compare-provider = Bixiyaha { $k }
compare-none = Midna
compare-button = Isbarbardhig
compare-by-county = Isbarbardhig bixiyeyaasha degmadaada
compare-by-county-intro = Bog kasta oo hoose wuxuu muujinayaa bixiye kasta oo u adeega degmada, cabbir cabbir.
compare-side-by-side = Dhinac dhinac, { $period }
compare-county-title = Isbarbardhig bixiyeyaasha { $county }
compare-county-lead = Bixiye kasta oo u adeega { $county }, cabbir cabbir, oo ag yaal natiijada gobolka oo dhan.
compare-statewide-html = Gobolka oo dhan: <strong>{ $state }</strong>. { $how } <a href="{ $site }measures/{ $id }.html">Ku saabsan cabbirkan</a>.
compare-how = Bixiyeyaasha waxaa lagu barbardhigaa { $summary }.
compare-caption = { $measure }: bixiyeyaasha { $county }
compare-result = Natiijada
compare-with-state = Marka la barbardhigo gobolka
provider = Bixiye

## Warqadaha doorashada (Choice sheets)

sheets-title = Warqadaha doorashada ee degmo kasta
sheets-lead = Warqadda doorashadu waxay ku qoran tahay bixiye kasta oo maareynta kiiska ah oo u adeega hal degmo, iyadoo loo kala qaybiyay nooca maareynta kiiska, oo ay la socdaan macluumaadka xiriirka iyo natiijooyinka. Waxaa loogu talagalay in la daabaco oo la siiyo qofka dooranaya bixiye. Nooc kasta oo maareynta kiiska ah wuxuu ka bilaabmaa warqad cusub.
sheet-title = Doorashada maareynta kiiska ee { $county }
sheet-lead = Bixiyeyaashan waxay u adeegaan dadka ku nool { $county }. Waxaad xaq u leedahay inaad doorato bixiyaha maareynta kiiskaaga, iyo inaad beddesho. Natiijooyinku waa kuwa { $period } ({ $window }).
sheet-how-to-read = “Natiijooyinka” waxay tirinayaan cabbirrada uu bixiyuhu kaga fiican yahay gobolka, ku dhawaad la mid yahay, ama kaga liito, iyo kuwa dadkoodu aad u yar yihiin si loo qiimeeyo. Natiijooyinka oo dhammaystiran waxay ku yaallaan bogga bixiye kasta ee kaarka warbixinta.
sheet-group-heading = { $type } ee { $county }
sheet-group-count = { $count ->
    [one] { $n } bixiye
   *[other] { $n } bixiye
}
sheet-results = Natiijooyinka
sheet-full-results = Natiijooyinka oo dhammaystiran ee bixiyahan
sheet-no-providers = Ma jiro bixiye ku daray { $county } degmooyinka uu u adeego.
sheet-missing = Noocyada maareynta kiiska oo aanu bixiye ka bixin { $county }
sheet-printed = Waxaa laga soo qaaday Kaarka Warbixinta Maareynta Kiiska ee Minnesota, natiijooyinka { $period }.

## Erayada koodhadhka (Words for codes)

category-better = Ka fiican gobolka
category-worse = Ka liita gobolka
category-no-different = Ku dhawaad la mid ah gobolka
category-too-few = Aad u yar si loo qiimeeyo
category-none = Lama qiimeyn
basis-risk = La waafajiyay khatarta (risk-adjusted): waxaa la barbardhigay kadib markii la tixgeliyay caafimaadka iyo baahiyaha dadka uu bixiye kastaa u adeego.
basis-type = Waxaa lala barbardhigay bixiyeyaasha u adeega isla noocyada maareynta kiiska: natiijadu waxay tixgelisaa isku-dhafka noocyada ee bixiyahan.
basis-none = Waxaa lala barbardhigay natiijada gobolka ee noocan maareynta kiiska.
qualifier-risk = la waafajiyay khatarta
qualifier-type = loo waafajiyay noocyada maareynta kiiska
summary-risk = natiijooyin la waafajiyay khatarta
summary-type = natiijooyin loo waafajiyay isku-dhafka noocyada maareynta kiiska ee bixiye kasta
summary-one-type = natiijooyinka dhabta ah, maadaama cabbirku uu daboolayo hal nooc oo maareynta kiiska ah
kind-county = Adeegyada bulshada ee degmada
kind-tribal = Qabiil (tribal nation)
kind-private = Hay'ad gaar loo leeyahay
kind-mco = Qorshe caafimaad (health plan)
cm-type-AMH-TCM = Maareynta kiiska caafimaadka maskaxda ee dadka waaweyn
cm-type-CMH-TCM = Maareynta kiiska caafimaadka maskaxda ee carruurta
cm-type-CW-TCM = Maareynta kiiska daryeelka iyo badbaadada carruurta (child welfare)
cm-type-VADD-TCM = Maareynta kiiska dadka waaweyn ee nugul iyo naafonimada koritaanka (vulnerable adult and developmental disability)
cm-type-RSC-TCM = Isuduwidda adeegga u guuritaanka (relocation service coordination)
cm-type-EW = Maareynta kiiska barnaamijka waayeelka (Elderly Waiver)
cm-type-CADI = Maareynta kiiska barnaamijka CADI (CADI waiver: ka-qaybgalka bulshada ee dadka naafada ah)
cm-type-DD = Maareynta kiiska barnaamijka naafonimada koritaanka (Developmental Disabilities waiver)
cm-type-BI = Maareynta kiiska barnaamijka dhaawaca maskaxda (Brain Injury waiver)
cm-type-CAC = Maareynta kiiska barnaamijka daryeelka beddelka ah ee bulshada (Community Alternative Care waiver)
cm-type-AC = Maareynta kiiska barnaamijka daryeelka beddelka ah (Alternative Care)
cm-type-CC-MSHO = Isuduwidda daryeelka qorshaha caafimaadka: Minnesota Senior Health Options (MSHO)
cm-type-CC-MSC = Isuduwidda daryeelka qorshaha caafimaadka: Minnesota Senior Care Plus (MSC+)
cm-type-CC-SNBC = Isuduwidda daryeelka qorshaha caafimaadka: Special Needs BasicCare (SNBC)
cm-type-ALL = Dhammaan noocyada oo wadajira
language-eng = Ingiriisi
language-spa = Isbaanish
language-hmn = Hmong
language-som = Soomaali
language-kar = Karen
language-orm = Oromo
language-amh = Amxaari
language-oji = Ojibwe
language-dak = Dakota
language-vie = Fiyatnaamiis
language-lao = Laa'o
language-khm = Khmer
language-ase = Luqadda Dhagoolayaasha ee Maraykanka (American Sign Language)
language-rus = Ruush
language-ara = Carabi
language-fra = Faransiis
language-zho = Shiinees
language-cmn = Shiinees Mandarin
language-yue = Kantoonis
language-tir = Tigrinya
language-swa = Sawaaxili
language-nep = Nebaali
language-mya = Burmiis
language-ukr = Yukreeniyaan
language-por = Bortuqiis
language-other = Luqad kale ({ $code })
survey-helped = Maareeyaha kiiskaygu wuxuu iga caawiyay inaan helo adeegyada aan u baahanahay
survey-listened = Maareeyaha kiiskaygu wuu i dhageystay
survey-respect = Maareeyaha kiiskaygu wuxuu ila dhaqmay si ixtiraam leh
survey-reachable = Waxaan la xiriiri karay maareeyaha kiiskayga markii aan u baahdo
survey-informed_choice = Waxaa la ii sheegay inaan dooran karo bixiyaha maareynta kiiskayga
survey-goals_progress = Waxaan horumar ka sameynayaa hadafyadayda
