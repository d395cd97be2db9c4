# HealthGate screen text, English. Every language has exactly these keys.
# Keep words short: they are read from 2 m away.

app-title = HealthGate

## Scan screen
scan-prompt = Show your code
scan-hint = Hold the QR code up to the camera
scan-chunks = { $have } of { $total } parts read: please show the next part
aim-hold-still = Code seen: hold it still
aim-move-closer = Code seen: bring it closer
aim-glare = Code seen: tilt it against the glare
scan-language = Language
care-mode = Large text
care-mode-off = Normal text
rules-synced = Rules updated { $age }
rules-offline = Offline since { $time }
rules-stale = Rules are getting old: sync soon
rules-outdated = Rules outdated: see staff
rules-none = No rules installed: see staff
camera-ready = Camera ready
camera-starting = Starting the camera…
camera-none = No camera: use the scanner
camera-lost = Camera disconnected, reconnecting…
camera-busy = Camera busy: another program uses it
camera-demo = Demo camera: replayed frames
demo-banner = DEMO
demo-offer = Start the demo
demo-note = Demo codes only. Not for a real door.

## Verdict screen: the large word, and one line under it
verdict-green = PASS
verdict-yellow = SEE STAFF
verdict-red = STOP
verdict-grey = NOT VERIFIED
verdict-green-line = Please go ahead
verdict-yellow-line = Please see a member of staff
verdict-red-line = You may not enter
verdict-grey-line = The code could not be checked
label-name = Name
label-id = ID
label-test = Last test
label-vaccination = Vaccination
label-checked-at = Checked at
test-negative = Negative, { $time }
test-positive = Positive, { $time }
test-none = None
vaccination-doses = { $doses ->
        [one] { $doses } dose
       *[other] { $doses } doses
    }, last { $date }
vaccination-none = None
label-born = Born { $year }
label-issued-in = Issued in { $country }
vaccination-dose-of = dose { $dose } of { $series }, { $date }
label-recovery = Recovery
recovery-valid-until = valid until { $date }
label-rule = Rule { $id }
back-to-scan = Next person

## Reasons, in plain language
reason-malformed = The code is damaged or incomplete
reason-format-unsupported = This kind of code is not accepted here
reason-version-unsupported = This code is too new for this kiosk
reason-proof-missing = Show the live code from your phone
reason-issuer-unknown = The code's issuer is not recognised
reason-key-unknown = The code's signing key is not recognised
reason-key-not-valid = The code was signed with an expired key
reason-signature-invalid = The code's signature is not valid
reason-credential-too-long = The code is valid for too long
reason-credential-not-yet-valid = The code is not valid yet
reason-credential-expired = The code has expired: refresh it
reason-date-impossible = The code holds a date that cannot be right
reason-clock-behind = The kiosk's clock is wrong: please see staff
reason-schema-invalid = The certificate's content is not in the expected form
reason-key-usage-invalid = The signer may not sign this kind of certificate
reason-proof-invalid = The code was not shown by its owner's phone
reason-proof-stale = The code is not live: refresh it
reason-proof-replayed = This code was already shown: refresh it
reason-rules-outdated = The kiosk's rules are out of date
reason-policy-error = The venue's rules could not be applied
reason-code-yellow = Your health code is yellow
reason-code-red = Your health code is red
reason-revoked = This code was withdrawn
reason-test-missing = A test is required here
reason-test-too-old = Your test is too old for this place
reason-test-positive = Your last test was positive
reason-vaccination-incomplete = More vaccination is required here
reason-rule-failed = A rule of this place is not met
reason-colour-override = Your code's colour was updated
reason-rules-stale = The kiosk's rules need an update soon

## Staff screen
staff-open = Staff
staff-title = Staff settings
pin-prompt = Enter the staff PIN
pin-wrong = Wrong PIN. { $left ->
        [one] { $left } try left
       *[other] { $left } tries left
    }
pin-locked = Locked for { $minutes } min after too many wrong PINs
pin-ok = OK
pin-clear = Clear
pin-new = Choose a new staff PIN
pin-new-again = Type the new PIN again
pin-factory = The factory PIN cannot stay on a kiosk with real rules: choose a new PIN first
pin-new-invalid = A new PIN has at least 4 digits and is not 000000
pin-new-mismatch = The two PINs differ: choose the new PIN again
staff-close = Close
staff-rules = Rules
staff-bundle = Bundle { $authority } version { $version }, issued { $time }
staff-bundle-none = No rule bundle
staff-last-sync = Last sync: { $result }, { $time }
staff-never-synced = Never synced
staff-clock-behind = The clock reads { $now }, before { $mark }, a time this kiosk has already seen: every code is grey until the clock is set right
sync-installed = new rules installed
sync-unchanged = no newer rules
sync-refused = rules refused
sync-failed = failed
staff-sync-now = Sync now
staff-syncing = Syncing…
staff-sync-off = This kiosk does not sync: no bundle address ([bundle] url) is set
staff-camera = Camera
staff-brightness = Brightness
staff-exposure = Exposure
staff-auto = Auto
staff-venue = Venue
staff-country = Venue country: { $country }, { $rules } EU DCC country rules in the bundle
staff-country-none = Venue country: not set, so EU DCCs are checked without country rules
staff-default-language = Default language
staff-volume = Volume
staff-care-default = Large text by default
staff-auto-return = Back to scanning after { $seconds } s
staff-records = Recent checks
staff-filter-all = All
staff-format-all = All codes
format-hgc1 = HealthGate code
format-dcc = EU DCC
format-shc = SMART Health Card
staff-export = Export CSV
staff-exported = Exported to { $file }
staff-counts = Checks per hour
staff-records-warning = Records: { $warning }
staff-settings-kept = Changes are kept in this file:
staff-settings-not-kept = Changes last until the kiosk restarts
staff-settings-failed = This change could not be kept: { $error }
staff-fullscreen = Leave full screen
staff-quit = Quit HealthGate
on = On
off = Off

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] Jan
         [2] Feb
         [3] Mar
         [4] Apr
         [5] May
         [6] Jun
         [7] Jul
         [8] Aug
         [9] Sep
         [10] Oct
         [11] Nov
        *[12] Dec
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = just now
age-minutes = { $n } min ago
age-hours = { $n } h ago
age-days = { $n ->
        [one] { $n } day ago
       *[other] { $n } days ago
    }
