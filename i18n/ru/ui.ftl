# HealthGate screen text, Russian (ru). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = Покажите код
scan-hint = Поднесите QR-код к камере
scan-chunks = Прочитано частей: { $have } из { $total }. Покажите следующую часть
aim-hold-still = Код виден: держите неподвижно
aim-move-closer = Код виден: поднесите ближе
aim-glare = Код виден: наклоните, чтобы убрать блик
scan-language = Язык
care-mode = Крупный текст
care-mode-off = Обычный текст
rules-synced = Правила обновлены { $age }
rules-offline = Нет связи с { $time }
rules-stale = Правила устаревают: скоро нужна синхронизация
rules-outdated = Правила устарели: обратитесь к персоналу
rules-none = Правила не установлены: обратитесь к персоналу
camera-ready = Камера готова
camera-starting = Запуск камеры…
camera-none = Камеры нет: используйте сканер
camera-lost = Камера отключилась, переподключение…
camera-busy = Камера занята другой программой
camera-demo = Демокамера: записанные кадры
demo-banner = ДЕМО
demo-offer = Запустить демо
demo-note = Только демонстрационные коды. Не для настоящего входа.

## Verdict screen: the large word, and one line under it
verdict-green = ПРОХОДИТЕ
verdict-yellow = К ПЕРСОНАЛУ
verdict-red = СТОП
verdict-grey = НЕ ПРОВЕРЕНО
verdict-green-line = Проходите, пожалуйста
verdict-yellow-line = Обратитесь к сотруднику
verdict-red-line = Вход запрещён
verdict-grey-line = Не удалось проверить код
label-name = Имя
label-id = Документ
label-test = Последний тест
label-vaccination = Вакцинация
label-checked-at = Время проверки
test-negative = Отрицательный, { $time }
test-positive = Положительный, { $time }
test-none = Нет
vaccination-doses = { $doses ->
        [one] { $doses } доза
        [few] { $doses } дозы
       *[other] { $doses } доз
    }, последняя { $date }
vaccination-none = Нет
label-born = Год рождения { $year }
label-issued-in = Выдан: { $country }
vaccination-dose-of = доза { $dose } из { $series }, { $date }
label-recovery = Выздоровление
recovery-valid-until = действует до { $date }
label-rule = Правило { $id }
back-to-scan = Следующий

## Reasons, in plain language
reason-malformed = Код повреждён или неполон
reason-format-unsupported = Такие коды здесь не принимаются
reason-version-unsupported = Код слишком новый для этого терминала
reason-proof-missing = Покажите актуальный код на телефоне
reason-issuer-unknown = Издатель кода не распознан
reason-key-unknown = Ключ подписи кода не распознан
reason-key-not-valid = Код подписан ключом с истёкшим сроком
reason-signature-invalid = Подпись кода недействительна
reason-credential-too-long = Слишком долгий срок действия кода
reason-credential-not-yet-valid = Код ещё не действует
reason-credential-expired = Срок действия кода истёк: обновите его
reason-date-impossible = В коде указана невозможная дата
reason-clock-behind = Часы терминала показывают неверное время: обратитесь к сотруднику
reason-schema-invalid = Содержимое сертификата имеет неверный формат
reason-key-usage-invalid = Подписант не может подписывать сертификаты такого типа
reason-proof-invalid = Код показан не с телефона владельца
reason-proof-stale = Код не актуален: обновите его
reason-proof-replayed = Этот код уже предъявляли: обновите его
reason-rules-outdated = Правила терминала устарели
reason-policy-error = Не удалось применить правила этого места
reason-code-yellow = Ваш код здоровья жёлтый
reason-code-red = Ваш код здоровья красный
reason-revoked = Этот код отозван
reason-test-missing = Здесь нужен тест
reason-test-too-old = Ваш тест слишком старый для этого места
reason-test-positive = Ваш последний тест положительный
reason-vaccination-incomplete = Здесь требуется дополнительная вакцинация
reason-rule-failed = Не выполнено правило этого места
reason-colour-override = Цвет вашего кода изменён
reason-rules-stale = Правила терминала скоро нужно обновить

## Staff screen
staff-open = Персонал
staff-title = Настройки для персонала
pin-prompt = Введите PIN-код персонала
pin-wrong = Неверный PIN. { $left ->
        [one] Осталась { $left } попытка
        [few] Осталось { $left } попытки
       *[other] Осталось { $left } попыток
    }
pin-locked = Слишком много неверных PIN: блокировка на { $minutes } мин
pin-ok = OK
pin-clear = Стереть
pin-new = Задайте новый PIN-код персонала
pin-new-again = Введите новый PIN-код ещё раз
pin-factory = Заводской PIN-код нельзя оставлять на терминале с настоящими правилами: сначала задайте новый
pin-new-invalid = Новый PIN-код: не меньше 4 цифр и не 000000
pin-new-mismatch = PIN-коды не совпадают: задайте новый PIN-код ещё раз
staff-close = Закрыть
staff-rules = Правила
staff-bundle = Пакет { $authority }, версия { $version }, выпущен { $time }
staff-bundle-none = Нет пакета правил
staff-last-sync = Последняя синхронизация: { $result }, { $time }
staff-never-synced = Синхронизации не было
staff-clock-behind = Часы показывают { $now }, раньше уже виденного терминалом времени { $mark }: пока часы не исправлены, все коды серые
sync-installed = установлены новые правила
sync-unchanged = новых правил нет
sync-refused = правила отклонены
sync-failed = ошибка
staff-sync-now = Синхронизировать
staff-syncing = Синхронизация…
staff-sync-off = Этот киоск не синхронизируется: адрес правил ([bundle] url) не задан
staff-camera = Камера
staff-brightness = Яркость
staff-exposure = Экспозиция
staff-auto = Авто
staff-venue = Место
staff-country = Страна места: { $country }, { $rules ->
        [one] { $rules } национальное правило
        [few] { $rules } национальных правила
       *[other] { $rules } национальных правил
    } для EU DCC в пакете
staff-country-none = Страна места: не задана, поэтому EU DCC проверяются без национальных правил
staff-default-language = Язык по умолчанию
staff-volume = Громкость
staff-care-default = Крупный текст по умолчанию
staff-auto-return = Возврат к сканированию через { $seconds } с
staff-records = Последние проверки
staff-filter-all = Все
staff-format-all = Все коды
format-hgc1 = Код здоровья
format-dcc = Сертификат ЕС (DCC)
format-shc = SMART Health Card
staff-export = Экспорт в CSV
staff-exported = Экспортировано в { $file }
staff-counts = Проверки по часам
staff-records-warning = Журнал: { $warning }
staff-settings-kept = Изменения хранятся в этом файле:
staff-settings-not-kept = Изменения действуют до перезапуска
staff-settings-failed = Не удалось сохранить изменение: { $error }
staff-fullscreen = Выйти из полноэкранного режима
staff-quit = Выйти из HealthGate
on = Вкл.
off = Выкл.

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] янв.
         [2] февр.
         [3] мар.
         [4] апр.
         [5] мая
         [6] июн.
         [7] июл.
         [8] авг.
         [9] сент.
         [10] окт.
         [11] нояб.
        *[12] дек.
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = только что
age-minutes = { $n } мин назад
age-hours = { $n } ч назад
age-days = { $n } { $n ->
        [one] день
        [few] дня
       *[other] дней
    } назад
