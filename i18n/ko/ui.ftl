# HealthGate screen text, Korean (ko). Same keys as ../en/ui.ftl.

app-title = HealthGate

## Scan screen
scan-prompt = 코드를 보여 주세요
scan-hint = QR 코드를 카메라에 대 주세요
scan-language = 언어
care-mode = 큰 글씨
care-mode-off = 보통 글씨
rules-synced = { $minutes }분 전 규칙 업데이트
rules-offline = { $time }부터 오프라인
rules-stale = 규칙이 오래되었습니다. 곧 동기화하세요
rules-outdated = 규칙 만료: 직원에게 문의하세요
rules-none = 설치된 규칙 없음: 직원에게 문의하세요
camera-ready = 카메라 준비됨
camera-starting = 카메라를 켜는 중…
camera-none = 카메라 없음: 스캐너를 사용하세요
camera-lost = 카메라 연결 끊김, 다시 연결하는 중…
camera-busy = 다른 프로그램이 카메라를 사용 중입니다
demo-banner = 데모
demo-offer = 데모 시작
demo-note = 데모 코드 전용입니다. 실제 출입구에서는 사용할 수 없습니다.

## Verdict screen: the large word, and one line under it
verdict-green = 통과
verdict-yellow = 직원 확인
verdict-red = 출입 불가
verdict-grey = 확인 불가
verdict-green-line = 들어가셔도 됩니다
verdict-yellow-line = 직원에게 문의해 주세요
verdict-red-line = 입장하실 수 없습니다
verdict-grey-line = 코드를 확인할 수 없습니다
label-name = 이름
label-id = 신분증
label-test = 최근 검사
label-vaccination = 예방접종
label-checked-at = 확인 시각
test-negative = 음성, { $time }
test-positive = 양성, { $time }
test-none = 없음
vaccination-doses = { $doses }회 접종, 최종 { $date }
vaccination-none = 없음
back-to-scan = 다음 분

## Reasons, in plain language
reason-malformed = 코드가 손상되었거나 불완전합니다
reason-format-unsupported = 이곳에서는 이 종류의 코드를 사용할 수 없습니다
reason-version-unsupported = 이 키오스크에서 읽을 수 없는 최신 버전 코드입니다
reason-proof-missing = 휴대폰의 실시간 코드를 보여 주세요
reason-issuer-unknown = 코드 발급 기관을 확인할 수 없습니다
reason-key-unknown = 코드 서명 키를 확인할 수 없습니다
reason-key-not-valid = 만료된 키로 서명된 코드입니다
reason-signature-invalid = 코드 서명이 유효하지 않습니다
reason-credential-too-long = 코드의 유효 기간이 너무 깁니다
reason-credential-not-yet-valid = 아직 유효하지 않은 코드입니다
reason-credential-expired = 만료된 코드입니다. 새로 고쳐 주세요
reason-proof-invalid = 본인 휴대폰에서 제시된 코드가 아닙니다
reason-proof-stale = 실시간 코드가 아닙니다. 새로 고쳐 주세요
reason-proof-replayed = 이미 제시된 코드입니다. 새로 고쳐 주세요
reason-rules-outdated = 키오스크의 규칙이 만료되었습니다
reason-policy-error = 이 장소의 규칙을 적용할 수 없습니다
reason-code-yellow = 건강 코드가 노란색입니다
reason-code-red = 건강 코드가 빨간색입니다
reason-revoked = 취소된 코드입니다
reason-test-missing = 이곳에서는 검사 결과가 필요합니다
reason-test-too-old = 검사 후 시간이 너무 지나 이곳 기준에 맞지 않습니다
reason-test-positive = 최근 검사 결과가 양성입니다
reason-vaccination-incomplete = 이곳에서는 추가 예방접종이 필요합니다
reason-rule-failed = 이 장소의 기준을 충족하지 않습니다
reason-colour-override = 코드 색상이 변경되었습니다
reason-rules-stale = 키오스크 규칙을 곧 업데이트해야 합니다

## Staff screen
staff-open = 직원
staff-title = 직원 설정
pin-prompt = 직원 PIN을 입력하세요
pin-wrong = PIN이 틀렸습니다. { $left }번 남음
pin-locked = 잘못된 PIN 입력이 많아 { $minutes }분간 잠겼습니다
pin-ok = 확인
pin-clear = 지우기
staff-close = 닫기
staff-rules = 규칙
staff-bundle = 규칙 번들 { $authority } 버전 { $version }, 발행 { $time }
staff-bundle-none = 규칙 번들 없음
staff-last-sync = 마지막 동기화: { $result }
staff-never-synced = 동기화 기록 없음
staff-sync-now = 지금 동기화
staff-syncing = 동기화 중…
staff-camera = 카메라
staff-venue = 장소
staff-default-language = 기본 언어
staff-volume = 음량
staff-care-default = 기본으로 큰 글씨 사용
staff-auto-return = { $seconds }초 후 스캔 화면으로 돌아가기
staff-records = 최근 확인 기록
staff-filter-all = 전체
staff-export = CSV 내보내기
staff-exported = { $file }(으)로 내보냈습니다
staff-counts = 시간별 확인 건수
staff-records-warning = 기록: { $warning }
staff-fullscreen = 전체 화면 종료
staff-quit = HealthGate 종료
on = 켜짐
off = 꺼짐
