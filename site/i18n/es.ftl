# Español: catálogo de las páginas para el público (site/i18n/languages.toml).
# Los mensajes que terminan en -html tienen marcas: deje sus etiquetas y atributos como están y
# traduzca solo las palabras entre ellas. { $root } lleva a las páginas de este idioma, { $site } a las
# páginas que solo están en inglés.
# Los mensajes con conteo reciben { $count } (elige la forma plural) y { $n } (el número como se escribe).

## El marco de cada página

site-name = Boleta de calificaciones de administración de casos de Minnesota
skip-link = Ir al contenido principal
nav-label = Principal
nav-home = Inicio
nav-find = Buscar un proveedor
nav-compare = Comparar
nav-measures = Medidas
nav-review = Revisión trimestral
nav-methodology = Cómo hacemos los cálculos
nav-downloads = Datos
page-title = { $title } | Boleta de calificaciones de administración de casos de Minnesota
source-note-html = Los resultados de <strong>{ $period }</strong> abarcan { $window }. { $sources } <a href="{ $site }sources.html">De dónde vienen los datos</a>.
sources-line = Datos enviados por { $counties }, { $tribes } y { $plans }.
sources-counties = { $count ->
    [one] { $n } condado
   *[other] { $n } condados
}
sources-tribes = { $count ->
    [one] { $n } nación tribal
   *[other] { $n } naciones tribales
}
sources-plans = { $count ->
    [one] { $n } plan de salud
   *[other] { $n } planes de salud
}
footer-about = El Estado de Minnesota publica esta boleta de calificaciones para las personas que eligen administración de casos, para los proveedores y para el consejo de calidad del estado. Nunca mostramos cifras de menos de 11 personas, ni tasas de menos de 30.
footer-methodology = Cómo se calculan los resultados
footer-sources = Fuentes de los datos
footer-downloads = Descargar los datos
switcher-label = Idioma
switcher-english-only = Esta página solo está en inglés.
draft-notice-html = Esta página fue traducida por computadora y un traductor calificado todavía no la ha revisado. Si algo no está claro, vea la <a href="{ $english }" hreflang="en">página en inglés</a>.
period-label = { $year } T{ $quarter }
window-words = de { $start } a { $end }
month-year = { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de { $year }

## Página de inicio

home-title = Cómo elegir administración de casos en Minnesota
home-lead = Un administrador de casos le ayuda a obtener los servicios y el apoyo que necesita para vivir como usted quiere. Usted tiene derecho a elegir quién le da la administración de casos, y a cambiar.
home-find = Buscar un proveedor
home-compare = Comparar proveedores
home-what = ¿Qué es la administración de casos?
home-what-intro = La administración de casos es la ayuda de una persona que conoce sus necesidades y sus metas. Su administrador de casos:
home-what-1 = se reúne con usted para saber qué necesita y qué es importante para usted,
home-what-2 = escribe un plan con usted y lo revisa con usted al menos una vez al año,
home-what-3 = le conecta con servicios como atención médica, vivienda, trabajo, escuela y apoyo en casa,
home-what-4 = se mantiene en contacto con usted, por lo general cada mes,
home-what-5 = le ayuda cuando las cosas cambian, por ejemplo, después de estar en el hospital.
home-what-kinds = Asistencia Médica (Medical Assistance) paga muchos tipos de administración de casos. Esta boleta de calificaciones incluye { $count } tipos, desde la administración de casos de salud mental hasta la Exención para Personas Mayores (Elderly Waiver) y la coordinación de la atención de los planes de salud.
home-expect = Lo que usted puede esperar
home-expect-1 = Que le traten con respeto, en su idioma. El servicio de intérprete es gratis.
home-expect-2 = Ser parte de cada decisión sobre su plan.
home-expect-3 = Saber cómo comunicarse con su administrador de casos.
home-expect-4 = Que le informen de su derecho a elegir y a cambiar de proveedor.
home-choose = Cómo elegir
home-choose-1-html = <a href="{ $root }find.html">Busque proveedores</a> que atiendan en su condado y que den su tipo de administración de casos.
home-choose-2 = Busque personal que hable su idioma, servicios para su cultura y proveedores que acepten personas nuevas.
home-choose-3 = Abra la página de un proveedor para ver sus resultados junto a los resultados de todo el estado.
home-choose-4 = Compare hasta tres proveedores lado a lado.
home-choose-5 = Llame a los proveedores que le gusten. Pregunte cada cuánto se van a reunir y cómo comunicarse con ellos.
home-choose-change = Para elegir o cambiar de proveedor, avise a la oficina de servicios humanos de su condado o de su nación tribal, o a su plan de salud si tiene uno. No necesita dar una razón para cambiar.
home-choose-sheets-html = Los trabajadores de admisión del condado pueden imprimir una <a href="{ $root }sheets/index.html">hoja de opciones para cada condado</a>: todos los proveedores que atienden en el condado, con sus datos de contacto y sus resultados, en pocas páginas.
home-read = Cómo leer los resultados
home-read-intro = Comparamos a cada proveedor con todo el estado. Usamos tres palabras, y nunca usamos solo el color:
home-read-better = El resultado del proveedor es claramente mejor que el resultado de todo el estado.
home-read-same = No podemos distinguirlo del resultado de todo el estado.
home-read-worse = El resultado del proveedor es claramente peor que el resultado de todo el estado.
home-read-too-few = Se contaron menos de 30 personas o eventos. Es muy poco para juzgar de forma justa. El proveedor sigue en la lista.
home-read-adjusted-html = Algunos resultados están "ajustados por riesgo". Esto quiere decir que toman en cuenta que algunos proveedores atienden a personas más enfermas o con más necesidades, para que la comparación sea justa. <a href="{ $site }methodology.html">Lea cómo calculamos los resultados</a>.
home-help = Ayuda en su idioma
home-others = Para proveedores y el consejo de calidad
home-others-text-html = La página de cada proveedor tiene un enlace a un informe detallado por tipo de administración de casos y por grupo de población. La <a href="{ $site }review/index.html">revisión trimestral</a> muestra las tendencias en todo el estado, los cambios, las diferencias entre grupos y la calidad de los datos. Puede <a href="{ $site }downloads.html">descargar todos los resultados publicados</a>.
home-provider-count = Esta boleta de calificaciones incluye { $count ->
    [one] { $n } proveedor
   *[other] { $n } proveedores
}.

## Página de búsqueda y listas de proveedores

find-title = Buscar un proveedor de administración de casos
find-lead-html = Todos los proveedores aparecen abajo. También puede ver <a href="#by-county">listas por condado</a>, <a href="#by-type">listas por tipo de administración de casos</a> y <a href="{ $root }sheets/index.html">hojas de opciones para imprimir</a>.
find-narrow = Reducir la lista
find-county = Condado donde vive
find-any-county = Cualquier condado
find-type = Tipo de administración de casos
find-any-type = Cualquier tipo
find-language = Idioma que habla el personal
find-any-language = Cualquier idioma
find-cultural = Solo proveedores con servicios para culturas específicas
find-accepting = Solo proveedores que aceptan personas nuevas
find-sort = Ordenar por
find-sort-name = Nombre (de la A a la Z)
find-sort-note = Al ordenar por un resultado, el mejor resultado va primero, y los proveedores con muy pocos datos para calificar van al final.
find-show = Mostrar los proveedores que coinciden
find-all = Todos los proveedores
find-by-county = Proveedores por condado
find-by-type = Proveedores por tipo de administración de casos
find-matches = { $count ->
    [one] Se encontró { $n } proveedor.
   *[other] Se encontraron { $n } proveedores.
}
find-sorted = Ordenado por “{ $measure }”, el mejor resultado primero.
find-sorted-name = Ordenado por nombre.
list-back = Buscar un proveedor
list-county-title = Proveedores que atienden en el { $county }
list-county-heading = Proveedores de administración de casos que atienden en el { $county }
list-county-intro = { $count ->
    [one] { $n } proveedor atiende
   *[other] { $n } proveedores atienden
} a personas que viven en el { $county }.
list-county-sheet-html = <a href="{ $root }sheets/{ $slug }.html">Hoja de opciones para imprimir del { $county }</a>
list-type-title = Proveedores de { $type }
list-type-intro = { $count ->
    [one] { $n } proveedor ofrece
   *[other] { $n } proveedores ofrecen
} este tipo de administración de casos.
list-providers = Proveedores
county-name = Condado de { $name }

## Tarjeta de un proveedor (página de búsqueda, listas, hojas de opciones)

card-kind = Tipo de proveedor
card-types = Tipos de administración de casos
card-counties = Condados que atiende
card-languages = Idiomas que habla el personal
card-cultural = Servicios para culturas específicas
card-accepting = Acepta personas nuevas
card-phone = Teléfono
card-website = Sitio web
card-address = Dirección
accepting-yes = Sí
accepting-no = No
accepting-unknown = No lo indica
cultural-none = Ninguno en la lista
cultural-yes = Sí

## Resultados de un vistazo

summary-label-all = Resultados comparados con el estado, todos los tipos juntos:
summary-label-type = Resultados comparados con el estado, { $type }:
tally-better = { $count ->
    [one] { $n } mejor
   *[other] { $n } mejores
}
tally-same = { $count ->
    [one] { $n } casi igual
   *[other] { $n } casi iguales
}
tally-worse = { $count ->
    [one] { $n } peor
   *[other] { $n } peores
}
tally-too-few = { $count ->
    [one] { $n } con muy pocos datos para calificar
   *[other] { $n } con muy pocos datos para calificar
}
tally-none = Todavía no hay resultados.
summary-survey = Personas que califican su administración de casos con 9 o 10 de 10: { $rate } (estado: { $state }).

## Página del proveedor

provider-summary = Resumen
provider-summary-sentence = De { $rated } resultados que podemos calificar, { $better } { $better ->
    [one] es mejor
   *[other] son mejores
} que el estado, { $same } { $same ->
    [one] es casi igual
   *[other] son casi iguales
} y { $worse } { $worse ->
    [one] es peor
   *[other] son peores
}.
provider-summary-none = Este trimestre no podemos calificar ningún resultado de este proveedor en comparación con el estado.
provider-summary-too-few = { $count ->
    [one] Una medida más tiene
   *[other] { $n } medidas más tienen
} muy pocas personas para calificar.
provider-differs = Donde este proveedor es más distinto del estado
provider-differs-item = { $measure }: { $ours }; en todo el estado, { $state }.
provider-no-differs = Ningún resultado es claramente distinto del estado.
provider-about = Sobre este proveedor
provider-id = ID del proveedor
provider-records-from = Los registros sobre este proveedor vinieron de: { $submitters }.
provider-no-records = No hay registros en este período.
provider-details-link-html = <a href="{ $site }providers/{ $id }-details.html">Informe detallado de este proveedor</a>: cada medida por tipo de administración de casos y por grupo de población, junto a los resultados de todo el estado.
provider-results = Resultados comparados con el estado
provider-results-intro-html = Cada resultado es de este proveedor, con el rango donde probablemente está, junto al resultado de todo el estado. La gráfica muestra el rango como una línea y el resultado de todo el estado como una línea punteada. Para comparar a los proveedores de forma justa, la mayoría de los resultados se ajustan antes de compararlos: cada resultado dice cómo se comparó. <a href="{ $site }methodology.html#adjust">Cómo se ajustan los resultados</a>.
provider-hidden-note = La calificación usa el resultado ajustado de este proveedor. No lo mostramos porque podría revelar cuántas personas de un tipo de administración de casos se contaron. Por eso mostramos el resultado real; los dos pueden ser distintos.
this-provider = Este proveedor
statewide = Todo el estado
provider-why = Por qué es importante y resultados por trimestre
provider-by-quarter = { $measure }: por trimestre
quarter = Trimestre
provider-none-rated = Este trimestre ninguna medida tiene suficientes personas en este proveedor para calificarla.
provider-too-few = Muy pocos datos para calificar
provider-too-few-intro = En estas medidas se contaron menos de 30 personas o eventos en este proveedor. Es muy poco para juzgar de forma justa. Mostramos el resultado de todo el estado como referencia.
provider-too-few-caption = Medidas con muy pocos datos para calificar
measure = Medida
provider-caseload = Cuántas personas atiende cada administrador de casos
provider-caseload-intro = Personas con un caso abierto el último día del trimestre, por cada administrador de casos de tiempo completo. Menos personas por administrador de casos por lo general significa más tiempo para cada persona.
provider-caseload-caption = Personas por administrador de casos de tiempo completo
state-standard = Norma del estado
caseload-too-few = Muy pocas personas para mostrar
caseload-standard = { $n } o menos
caseload-no-standard = No hay norma del estado
provider-survey = Lo que dijeron las personas en la encuesta de experiencia
provider-survey-hidden-note = La calificación usa el resultado ajustado de este proveedor. No lo mostramos, para proteger la privacidad. Por eso mostramos el resultado real; los dos pueden ser distintos.
provider-survey-too-few = Menos de 30 personas contestaron la encuesta.
provider-survey-caption = Porcentaje de personas que contestaron "casi siempre" o "siempre" (o "sí")
question = Pregunta
provider-unadjusted-note = Este trimestre no se pudo ajustar el modelo de riesgo, así que este resultado no está ajustado por riesgo. En cambio, se compara con proveedores que atienden los mismos tipos de administración de casos: toma en cuenta la combinación de tipos de este proveedor, pero no la salud ni las necesidades de las personas que atiende.
chart-result = { $name }: { $value }{ $range }; en todo el estado, { $state }.
chart-range = , probablemente entre { $low } y { $high }
chart-too-few = { $name }: muy pocos datos para calificar; en todo el estado, { $state }.
chart-no-state = { $name }: no hay resultado de todo el estado.
chart-trend = { $measure }: resultados por trimestre de { $name } y de todo el estado; la tabla de abajo los muestra.
series-provider = Este proveedor
series-state = Todo el estado

## Un resultado

result-likely = probablemente entre { $range }
result-range = { $low } y { $high }
result-hidden = resultado real (no mostramos el resultado ajustado, para proteger la privacidad)
result-rounded = redondeado; los números son muy pequeños para mostrarlos
result-counts-html = { $numerator } de { $denominator }
no-result = No hay resultado
too-few-to-rate = Muy pocos datos para calificar
does-not-apply = No aplica
fewer-than-30 = Se contaron menos de 30

## Páginas para comparar

compare-title = Comparar proveedores
compare-lead = Vea hasta tres proveedores lado a lado, medida por medida.
compare-intro-html = Los resultados se ajustan para comparar a los proveedores de forma justa: las medidas ajustadas por riesgo toman en cuenta la salud y las necesidades de las personas que atiende cada proveedor, y las demás toman en cuenta la combinación de tipos de administración de casos que ofrece cada proveedor. <a href="{ $site }methodology.html#adjust">Cómo se ajustan los resultados</a>.
compare-choose = Elija hasta tres proveedores
compare-provider = Proveedor { $k }
compare-none = Ninguno
compare-button = Comparar
compare-by-county = Compare los proveedores de su condado
compare-by-county-intro = Cada página de abajo muestra todos los proveedores que atienden en el condado, medida por medida.
compare-side-by-side = Lado a lado, { $period }
compare-county-title = Comparar proveedores en el { $county }
compare-county-lead = Todos los proveedores que atienden en el { $county }, medida por medida, junto al resultado de todo el estado.
compare-statewide-html = En todo el estado: <strong>{ $state }</strong>. { $how } <a href="{ $site }measures/{ $id }.html">Sobre esta medida</a>.
compare-how = Los proveedores se comparan usando { $summary }.
compare-caption = { $measure }: proveedores en el { $county }
compare-result = Resultado
compare-with-state = Comparado con el estado
provider = Proveedor

## Hojas de opciones

sheets-title = Hojas de opciones por condado
sheets-lead = Una hoja de opciones muestra todos los proveedores de administración de casos que atienden en un condado, por tipo de administración de casos, con sus datos de contacto y sus resultados. Está hecha para imprimirla y dársela a una persona que está eligiendo un proveedor. Cada tipo de administración de casos empieza en una hoja de papel nueva.
sheet-title = Cómo elegir administración de casos en el { $county }
sheet-lead = Estos proveedores atienden a personas que viven en el { $county }. Usted tiene derecho a elegir a su proveedor de administración de casos, y a cambiar. Los resultados son de { $period } ({ $window }).
sheet-how-to-read = “Resultados” cuenta las medidas en las que un proveedor es mejor, casi igual o peor que el estado, y las que tienen muy pocas personas para calificar. Los resultados completos están en la página de cada proveedor en la boleta de calificaciones.
sheet-group-heading = { $type } en el { $county }
sheet-group-count = { $count ->
    [one] { $n } proveedor
   *[other] { $n } proveedores
}
sheet-results = Resultados
sheet-full-results = Resultados completos de este proveedor
sheet-no-providers = Ningún proveedor incluye el { $county } entre los condados que atiende.
sheet-missing = Tipos de administración de casos que no ofrece ningún proveedor en el { $county }
sheet-printed = De la Boleta de calificaciones de administración de casos de Minnesota, resultados de { $period }.

## Palabras para los códigos

category-better = Mejor que el estado
category-worse = Peor que el estado
category-no-different = Casi igual que el estado
category-too-few = Muy pocos datos para calificar
category-none = Sin calificar
basis-risk = Ajustado por riesgo: se compara después de tomar en cuenta la salud y las necesidades de las personas que atiende cada proveedor.
basis-type = Se compara con proveedores que atienden los mismos tipos de administración de casos: el resultado toma en cuenta la combinación de tipos de este proveedor.
basis-none = Se compara con el resultado del estado para este tipo de administración de casos.
qualifier-risk = ajustado por riesgo
qualifier-type = ajustado por tipos de administración de casos
summary-risk = resultados ajustados por riesgo
summary-type = resultados ajustados según la combinación de tipos de administración de casos de cada proveedor
summary-one-type = resultados reales, porque la medida abarca un solo tipo de administración de casos
kind-county = Servicios humanos del condado
kind-tribal = Nación tribal
kind-private = Agencia privada
kind-mco = Plan de salud
cm-type-AMH-TCM = Administración de casos de salud mental para adultos
cm-type-CMH-TCM = Administración de casos de salud mental para niños
cm-type-CW-TCM = Administración de casos de bienestar infantil
cm-type-VADD-TCM = Administración de casos para adultos vulnerables y personas con discapacidades del desarrollo
cm-type-RSC-TCM = Coordinación de servicios de reubicación
cm-type-EW = Administración de casos de la Exención para Personas Mayores (Elderly Waiver)
cm-type-CADI = Administración de casos de la exención CADI (acceso a la comunidad para la inclusión de personas con discapacidad)
cm-type-DD = Administración de casos de la exención por discapacidades del desarrollo
cm-type-BI = Administración de casos de la exención por lesión cerebral
cm-type-CAC = Administración de casos de la exención de atención alternativa en la comunidad
cm-type-AC = Administración de casos del programa de Atención Alternativa (Alternative Care)
cm-type-CC-MSHO = Coordinación de la atención del plan de salud: Minnesota Senior Health Options (MSHO)
cm-type-CC-MSC = Coordinación de la atención del plan de salud: Minnesota Senior Care Plus (MSC+)
cm-type-CC-SNBC = Coordinación de la atención del plan de salud: Special Needs BasicCare (SNBC)
cm-type-ALL = Todos los tipos juntos
language-eng = inglés
language-spa = español
language-hmn = hmong
language-som = somalí
language-kar = karen
language-orm = oromo
language-amh = amárico
language-oji = ojibwe
language-dak = dakota
language-vie = vietnamita
language-lao = lao
language-khm = jemer
language-ase = lenguaje de señas americano (ASL)
language-rus = ruso
language-ara = árabe
language-fra = francés
language-zho = chino
language-cmn = chino mandarín
language-yue = cantonés
language-tir = tigriña
language-swa = suajili
language-nep = nepalí
language-mya = birmano
language-ukr = ucraniano
language-por = portugués
language-other = Otro idioma ({ $code })
survey-helped = Mi administrador de casos me ayudó a obtener los servicios que necesito
survey-listened = Mi administrador de casos me escuchó
survey-respect = Mi administrador de casos me trató con respeto
survey-reachable = Pude comunicarme con mi administrador de casos cuando lo necesité
survey-informed_choice = Me dijeron que puedo elegir a mi proveedor de administración de casos
survey-goals_progress = Estoy avanzando en mis metas
