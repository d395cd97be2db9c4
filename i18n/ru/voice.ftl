# Spoken sentences of the kiosk's voice, Russian (espeak-ng voice ru).
# One message per clip; single-line text only (no placeables, no
# attributes): scripts/make-voice.sh turns each into assets/voice/ru/<key>.ogg
# and <key>.slow.ogg. Keys are the same in every language; which clips a
# verdict plays is decided in src/voice/catalogue.rs.

green = Зелёный код, проходите, пожалуйста.
yellow = Жёлтый код.
red = Красный код, вход запрещён.
grey = Не удалось проверить ваш код.
see-staff = Пожалуйста, обратитесь к сотруднику.
prompt = Пожалуйста, покажите ваш код.
not-recognised = Код не распознан, попробуйте ещё раз.
show-live-code = Покажите действующий код на телефоне, а не снимок экрана.
code-expired = Срок действия кода истёк, обновите его в телефоне.
not-verified = Этот код невозможно проверить.
kiosk-unavailable = Этот терминал сейчас не может проверять коды.
test-missing = Здесь нужен результат теста.
test-too-old = Ваш тест слишком старый для этого места.
vaccination-incomplete = Вашей вакцинации недостаточно для этого места.
revoked = Этот код аннулирован.
colour-changed = Цвет вашего кода изменился.
aim-hold-still = Держите код неподвижно.
aim-move-closer = Поднесите код ближе.
aim-glare = Наклоните код, чтобы убрать блик.
