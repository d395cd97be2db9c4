# HealthGate screen text, Portuguese (pt). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Mostre o seu código
scan-hint = Aproxime o código QR da câmera
scan-chunks = Partes lidas: { $have } de { $total }. Mostre a parte seguinte
aim-hold-still = Código visto: mantenha-o parado
aim-move-closer = Código visto: aproxime-o mais
aim-glare = Código visto: incline-o contra o reflexo
scan-language = Idioma
care-mode = Letra grande
care-mode-off = Letra normal
rules-synced = Regras atualizadas { $age }
rules-offline = Sem conexão desde { $time }
rules-stale = Regras quase vencidas: sincronize em breve
rules-outdated = Regras vencidas: procure a equipe
rules-none = Nenhuma regra instalada: procure a equipe
camera-ready = Câmera pronta
camera-starting = Iniciando a câmera…
camera-none = Sem câmera: use o leitor
camera-lost = Câmera desconectada, reconectando…
camera-busy = Câmera ocupada por outro programa
camera-demo = Câmera de demonstração: imagens gravadas
demo-banner = DEMO
demo-offer = Iniciar demonstração
demo-note = Apenas códigos de demonstração. Não serve para uma entrada real.

## Verdict screen: the large word, and one line under it
verdict-green = LIBERADO
verdict-yellow = PROCURE A EQUIPE
verdict-red = ACESSO NEGADO
verdict-grey = NÃO VERIFICADO
verdict-green-line = Pode entrar
verdict-yellow-line = Procure um membro da equipe
verdict-red-line = A entrada não é permitida
verdict-grey-line = Não foi possível verificar o código
label-name = Nome
label-id = Documento
label-test = Último teste
label-vaccination = Vacinação
label-checked-at = Verificado às
test-negative = Negativo, { $time }
test-positive = Positivo, { $time }
test-none = Nenhum
vaccination-doses = { $doses ->
        [one] { $doses } dose
       *[other] { $doses } doses
    }, a última em { $date }
vaccination-none = Nenhuma
label-born = Nascido/a em { $year }
label-issued-in = Emitido em { $country }
vaccination-dose-of = dose { $dose } de { $series }, { $date }
label-recovery = Recuperação
recovery-valid-until = válido até { $date }
label-rule = Regra { $id }
back-to-scan = Próxima pessoa

## Reasons, in plain language
reason-malformed = O código está danificado ou incompleto
reason-format-unsupported = Este tipo de código não é aceito aqui
reason-version-unsupported = Este código é novo demais para este terminal
reason-proof-missing = Mostre o código dinâmico do seu telefone
reason-issuer-unknown = O emissor do código não é reconhecido
reason-key-unknown = A chave de assinatura do código não é reconhecida
reason-key-not-valid = O código foi assinado com uma chave vencida
reason-signature-invalid = A assinatura do código não é válida
reason-credential-too-long = A validade do código é longa demais
reason-credential-not-yet-valid = O código ainda não é válido
reason-credential-expired = O código expirou: atualize-o
reason-date-impossible = O código contém uma data impossível
reason-clock-behind = O relógio do terminal está errado: fale com a equipe
reason-schema-invalid = O conteúdo do certificado não tem a forma esperada
reason-key-usage-invalid = O signatário não pode assinar este tipo de certificado
reason-proof-invalid = O código não foi mostrado pelo telefone do titular
reason-proof-stale = O código não está atualizado: atualize-o
reason-proof-replayed = Este código já foi mostrado: atualize-o
reason-rules-outdated = As regras do terminal estão vencidas
reason-policy-error = Não foi possível aplicar as regras do local
reason-code-yellow = O seu código de saúde está amarelo
reason-code-red = O seu código de saúde está vermelho
reason-revoked = Este código foi revogado
reason-test-missing = É exigido um teste aqui
reason-test-too-old = O seu teste é antigo demais para este local
reason-test-positive = O seu último teste deu positivo
reason-vaccination-incomplete = São exigidas mais doses de vacina aqui
reason-rule-failed = Uma regra deste local não foi cumprida
reason-colour-override = A cor do seu código foi atualizada
reason-rules-stale = As regras do terminal precisam ser atualizadas em breve

## Staff screen
staff-open = Equipe
staff-title = Configurações da equipe
pin-prompt = Digite o PIN da equipe
pin-wrong = PIN incorreto. { $left ->
        [one] Resta { $left } tentativa
       *[other] Restam { $left } tentativas
    }
pin-locked = Bloqueado por { $minutes } min após muitos PINs incorretos
pin-ok = OK
pin-clear = Limpar
pin-new = Escolha um novo PIN da equipe
pin-new-again = Digite o novo PIN outra vez
pin-factory = O PIN de fábrica não pode ficar num terminal com regras reais: escolha primeiro um PIN novo
pin-new-invalid = Um PIN novo tem pelo menos 4 dígitos e não é 000000
pin-new-mismatch = Os dois PINs são diferentes: escolha o novo PIN outra vez
staff-close = Fechar
staff-rules = Regras
staff-bundle = Pacote { $authority }, versão { $version }, emitido em { $time }
staff-bundle-none = Nenhum pacote de regras
staff-last-sync = Última sincronização: { $result }, { $time }
staff-never-synced = Nunca sincronizado
staff-clock-behind = O relógio marca { $now }, antes de { $mark }, um horário que o terminal já viu: todos os códigos ficam cinzentos até o relógio ser corrigido
sync-installed = novas regras instaladas
sync-unchanged = sem regras mais recentes
sync-refused = regras recusadas
sync-failed = falhou
staff-sync-now = Sincronizar agora
staff-syncing = Sincronizando…
staff-sync-off = Este quiosque não sincroniza: nenhum endereço de regras ([bundle] url) definido
staff-camera = Câmera
staff-brightness = Brilho
staff-exposure = Exposição
staff-auto = Auto
staff-venue = Local
staff-country = País do local: { $country }, { $rules ->
        [0] { $rules } regras nacionais
        [one] { $rules } regra nacional
       *[other] { $rules } regras nacionais
    } para EU DCC no pacote
staff-country-none = País do local: não definido, então os EU DCC são verificados sem regras nacionais
staff-default-language = Idioma padrão
staff-volume = Volume
staff-care-default = Letra grande por padrão
staff-auto-return = Voltar à leitura após { $seconds } s
staff-records = Verificações recentes
staff-filter-all = Todas
staff-format-all = Todos os códigos
format-hgc1 = Código de saúde
format-dcc = Certificado UE (DCC)
format-shc = SMART Health Card
staff-export = Exportar CSV
staff-exported = Exportado para { $file }
staff-counts = Verificações por hora
staff-records-warning = Registros: { $warning }
staff-settings-kept = As alterações ficam neste arquivo:
staff-settings-not-kept = As alterações valem até reiniciar
staff-settings-failed = Não foi possível guardar esta alteração: { $error }
staff-fullscreen = Sair da tela cheia
staff-quit = Sair do HealthGate
on = Ligado
off = Desligado

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] jan.
         [2] fev.
         [3] mar.
         [4] abr.
         [5] mai.
         [6] jun.
         [7] jul.
         [8] ago.
         [9] set.
         [10] out.
         [11] nov.
        *[12] dez.
    }
date-time-short = { $day } de { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = agora mesmo
age-minutes = há { $n } min
age-hours = há { $n } h
age-days = há { $n } { $n ->
        [one] dia
       *[other] dias
    }
