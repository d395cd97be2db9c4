# HealthGate screen text, Spanish (es). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Muestre su código
scan-hint = Acerque el código QR a la cámara
scan-chunks = Partes leídas: { $have } de { $total }. Muestre la parte siguiente
aim-hold-still = Código visto: manténgalo quieto
aim-move-closer = Código visto: acérquelo más
aim-glare = Código visto: inclínelo para evitar el reflejo
scan-language = Idioma
care-mode = Letra grande
care-mode-off = Letra normal
rules-synced = Reglas actualizadas { $age }
rules-offline = Sin conexión desde { $time }
rules-stale = Reglas a punto de caducar: sincronice pronto
rules-outdated = Reglas caducadas: consulte al personal
rules-none = No hay reglas instaladas: consulte al personal
camera-ready = Cámara lista
camera-starting = Iniciando la cámara…
camera-none = Sin cámara: use el lector
camera-lost = Cámara desconectada, reconectando…
camera-busy = Cámara ocupada por otro programa
camera-demo = Cámara de demostración: imágenes grabadas
demo-banner = DEMO
demo-offer = Iniciar la demo
demo-note = Solo códigos de demostración. No sirve para una entrada real.

## Verdict screen: the large word, and one line under it
verdict-green = PASE
verdict-yellow = CONSULTE AL PERSONAL
verdict-red = ALTO
verdict-grey = NO VERIFICADO
verdict-green-line = Puede pasar
verdict-yellow-line = Diríjase a un miembro del personal
verdict-red-line = No puede entrar
verdict-grey-line = No se pudo comprobar el código
label-name = Nombre
label-id = Documento
label-test = Última prueba
label-vaccination = Vacunación
label-checked-at = Comprobado a las
test-negative = Negativa, { $time }
test-positive = Positiva, { $time }
test-none = Ninguna
vaccination-doses = { $doses } dosis, la última el { $date }
vaccination-none = Ninguna
label-born = Nacido/a en { $year }
label-issued-in = Emitido en { $country }
vaccination-dose-of = dosis { $dose } de { $series }, { $date }
label-recovery = Recuperación
recovery-valid-until = válido hasta { $date }
label-rule = Regla { $id }
back-to-scan = Siguiente persona

## Reasons, in plain language
reason-malformed = El código está dañado o incompleto
reason-format-unsupported = Este tipo de código no se acepta aquí
reason-version-unsupported = Este código es demasiado nuevo para este terminal
reason-proof-missing = Muestre el código dinámico de su teléfono
reason-issuer-unknown = No se reconoce el emisor del código
reason-key-unknown = No se reconoce la clave de firma del código
reason-key-not-valid = El código se firmó con una clave caducada
reason-signature-invalid = La firma del código no es válida
reason-credential-too-long = La validez del código es demasiado larga
reason-credential-not-yet-valid = El código aún no es válido
reason-credential-expired = El código ha caducado: actualícelo
reason-date-impossible = El código contiene una fecha imposible
reason-clock-behind = El reloj del terminal no es correcto: consulte al personal
reason-schema-invalid = El contenido del certificado no tiene la forma esperada
reason-key-usage-invalid = El firmante no puede firmar este tipo de certificado
reason-proof-invalid = El código no se mostró desde el teléfono de su titular
reason-proof-stale = El código no está al día: actualícelo
reason-proof-replayed = Este código ya se mostró: actualícelo
reason-rules-outdated = Las reglas del terminal están caducadas
reason-policy-error = No se pudieron aplicar las reglas del lugar
reason-code-yellow = Su código de salud es amarillo
reason-code-red = Su código de salud es rojo
reason-revoked = Este código ha sido revocado
reason-test-missing = Aquí se exige una prueba
reason-test-too-old = Su prueba es demasiado antigua para este lugar
reason-test-positive = Su última prueba fue positiva
reason-vaccination-incomplete = Aquí se exigen más dosis de vacuna
reason-rule-failed = No se cumple una regla de este lugar
reason-colour-override = El color de su código ha cambiado
reason-rules-stale = Las reglas del terminal deben actualizarse pronto

## Staff screen
staff-open = Personal
staff-title = Ajustes del personal
pin-prompt = Introduzca el PIN del personal
pin-wrong = PIN incorrecto. { $left ->
        [one] Queda { $left } intento
       *[other] Quedan { $left } intentos
    }
pin-locked = Bloqueado { $minutes } min por demasiados PIN incorrectos
pin-ok = Aceptar
pin-clear = Borrar
pin-new = Elija un nuevo PIN del personal
pin-new-again = Escriba el nuevo PIN otra vez
pin-factory = El PIN de fábrica no puede quedarse en un terminal con reglas reales: elija antes un PIN nuevo
pin-new-invalid = Un PIN nuevo tiene al menos 4 dígitos y no es 000000
pin-new-mismatch = Los dos PIN no coinciden: elija el nuevo PIN otra vez
staff-close = Cerrar
staff-rules = Reglas
staff-bundle = Paquete { $authority }, versión { $version }, emitido { $time }
staff-bundle-none = Sin paquete de reglas
staff-last-sync = Última sincronización: { $result }, { $time }
staff-never-synced = Nunca sincronizado
staff-clock-behind = El reloj marca { $now }, antes de { $mark }, una hora que el terminal ya ha visto: todos los códigos saldrán en gris hasta que se corrija el reloj
sync-installed = reglas nuevas instaladas
sync-unchanged = no hay reglas más recientes
sync-refused = reglas rechazadas
sync-failed = fallida
staff-sync-now = Sincronizar ahora
staff-syncing = Sincronizando…
staff-sync-off = Este quiosco no se sincroniza: no hay dirección de reglas ([bundle] url)
staff-camera = Cámara
staff-brightness = Brillo
staff-exposure = Exposición
staff-auto = Auto
staff-venue = Lugar
staff-country = País del lugar: { $country }, { $rules ->
        [one] { $rules } regla nacional
       *[other] { $rules } reglas nacionales
    } para EU DCC en el paquete
staff-country-none = País del lugar: sin definir, así que los EU DCC se comprueban sin reglas nacionales
staff-default-language = Idioma predeterminado
staff-volume = Volumen
staff-care-default = Letra grande por defecto
staff-auto-return = Volver a escanear tras { $seconds } s
staff-records = Comprobaciones recientes
staff-filter-all = Todas
staff-format-all = Todos los códigos
format-hgc1 = Código de salud
format-dcc = Certificado UE (DCC)
format-shc = SMART Health Card
staff-export = Exportar CSV
staff-exported = Exportado a { $file }
staff-counts = Comprobaciones por hora
staff-records-warning = Registros: { $warning }
staff-settings-kept = Los cambios se guardan en este archivo:
staff-settings-not-kept = Los cambios duran hasta reiniciar
staff-settings-failed = No se pudo guardar este cambio: { $error }
staff-fullscreen = Salir de pantalla completa
staff-quit = Salir de HealthGate
on = Sí
off = No

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] ene
         [2] feb
         [3] mar
         [4] abr
         [5] may
         [6] jun
         [7] jul
         [8] ago
         [9] sept
         [10] oct
         [11] nov
        *[12] dic
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = ahora mismo
age-minutes = hace { $n } min
age-hours = hace { $n } h
age-days = hace { $n } { $n ->
        [one] día
       *[other] días
    }
