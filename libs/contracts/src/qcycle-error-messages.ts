import { QcycleErrorCode } from '@qcycle/domain';

/** The languages qcycle answers in (users.locale); Vietnamese is the default. */
export type ErrorLanguage = 'vi' | 'en';

/** One message in both languages; `{name}` is replaced by the refusal's parameter `name`. */
export interface ErrorMessage {
  vi: string;
  en: string;
}

/**
 * The message of every refusal, per code and per variant (what exactly was refused), in Vietnamese
 * and English: the only place the words of an error answer are written. A code's `default` is what
 * a refusal without a finer variant says — e.g. a workflow's refusal, whose own text is never shown.
 * Parameters are values (ids, dates, role names), never words that would need translating.
 */
export const QCYCLE_ERROR_MESSAGES = {
  [QcycleErrorCode.ValidationFailed]: {
    default: { vi: 'Yêu cầu không hợp lệ: {fields}', en: 'Invalid request: {fields}' },
    invalidJson: { vi: 'Nội dung yêu cầu không phải JSON hợp lệ', en: 'The request body is not valid JSON' },
    bodyRefused: {
      vi: 'Nội dung yêu cầu bị từ chối ({reason})',
      en: 'The request body was refused ({reason})',
    },
  },
  [QcycleErrorCode.Unauthenticated]: {
    default: { vi: 'Chưa đăng nhập', en: 'Not signed in' },
    noBearer: {
      vi: 'Hãy đăng nhập trước: gửi Authorization: Bearer <token> (POST /api/v1/auth/login hoặc SSO)',
      en: 'Sign in first: send Authorization: Bearer <token> (POST /api/v1/auth/login or your SSO)',
    },
    wrongPassword: { vi: 'Sai thư điện tử hoặc mật khẩu', en: 'Wrong e-mail or password' },
    notJwt: { vi: 'Bearer token không phải JWT', en: 'The bearer token is not a JWT' },
    foreignIssuer: {
      vi: 'Bearer token do một bên phát hành mà API này không chấp nhận',
      en: 'The bearer token comes from an issuer this API does not accept',
    },
    unknownAccount: {
      vi: 'Tài khoản của token này không tồn tại hoặc đã bị vô hiệu hóa',
      en: 'The account of this token is unknown or deactivated',
    },
    localLoginOff: {
      vi: 'Đăng nhập bằng mật khẩu đã tắt trên hệ thống này: hãy dùng SSO',
      en: 'Local sign-in is off on this installation: use the SSO',
    },
    ssoOff: {
      vi: 'Đăng nhập qua SSO đã tắt trên hệ thống này',
      en: 'Sign-in through the SSO is off on this installation',
    },
    ssoNonce: {
      vi: 'id_token của SSO không mang nonce của lần đăng nhập này',
      en: "The SSO's id_token does not carry the nonce of this sign-in",
    },
    ssoNoSubject: { vi: 'Token của SSO không có subject', en: 'The SSO token has no subject' },
    ssoUnknownUser: {
      vi: 'Không có người dùng qcycle đang hoạt động nào khớp tài khoản SSO này; hãy đề nghị người quản trị hệ thống thêm bạn',
      en: 'No active qcycle user matches this SSO account; ask the administrator to add you',
    },
    tokenExpired: { vi: '{what} đã hết hạn', en: 'The {what} has expired' },
    sessionEnded: {
      vi: 'Phiên đăng nhập đã kết thúc (mật khẩu đã được đặt lại, tài khoản bị khóa hoặc đã đăng xuất): hãy đăng nhập lại',
      en: 'The session has ended (the password was set, the account deactivated, or signed out): sign in again',
    },
    tokenClaim: {
      vi: 'Trường {claim} của {what} không được chấp nhận',
      en: "The {what}'s {claim} claim is not accepted",
    },
    tokenUnverified: { vi: 'Không xác minh được {what}', en: 'The {what} could not be verified' },
    taskLinkAccount: {
      vi: 'Tài khoản nhận liên kết này không tồn tại hoặc đã bị vô hiệu hóa',
      en: 'The account this link was sent to is unknown or deactivated',
    },
  },
  [QcycleErrorCode.SsoCodeRejected]: {
    default: {
      vi: 'SSO từ chối mã đăng nhập ({reason}); hãy đăng nhập lại qua SSO',
      en: 'The SSO refused the sign-in code ({reason}); sign in through the SSO again',
    },
    noIdToken: {
      vi: 'SSO trả lời không có id_token: ứng dụng phải yêu cầu scope openid',
      en: 'The SSO answered without an id_token: the client must ask for the openid scope',
    },
  },
  [QcycleErrorCode.Forbidden]: {
    default: { vi: 'Bạn không được phép làm việc này', en: 'You are not allowed to do this' },
    roles: {
      vi: 'Việc này cần một trong các vai trò {required}; bạn có {have}',
      en: 'This needs one of the roles {required}; you have {have}',
    },
    ownAccountOnly: {
      vi: 'Bạn chỉ xem được tài khoản của mình; Quản trị hệ thống, Đại diện chất lượng và chuyên gia đánh giá bên ngoài xem được mọi người',
      en: 'You may see only your own account; the administrator, the Quality Representative and the external auditor see everyone',
    },
    taskNotYours: {
      vi: 'Việc này của người khác; trưởng đơn vị xem được việc của đơn vị, Đại diện chất lượng xem được tất cả',
      en: "This task belongs to someone else; a unit head sees their unit's tasks, the Quality Representative all",
    },
    completeNotAssignee: {
      vi: 'Chỉ người được giao việc này hoặc người được ủy quyền mới hoàn thành được',
      en: 'Only the assignee of this task or one of its delegates can complete it',
    },
    completeNotOnPaper: {
      vi: 'Chỉ lãnh đạo được giao mới trả lời việc này; Đại diện chất lượng chỉ ghi nhận thay ý kiến lãnh đạo đã cho trên giấy (onPaper: true)',
      en: "Only the leader it is given to answers this task; the Quality Representative only enters the leader's answer given on paper (onPaper: true)",
    },
    organisationCreator: {
      vi: 'Chỉ người quản trị hệ thống của tổ chức vận hành hệ thống (ORGANISATION_CREATORS) mới tạo được tổ chức mới; người vận hành cũng có thể dùng lệnh create-organisation',
      en: 'Only an administrator of the organisation that operates this install (ORGANISATION_CREATORS) creates organisations; its operator can also use the create-organisation command',
    },
    readOnlyRole: {
      vi: 'Vai trò của bạn chỉ được xem hồ sơ (chuyên gia đánh giá bên ngoài): không thể thay đổi dữ liệu',
      en: 'Your role only reads the records (external auditor): nothing can be changed',
    },
    reassignNotAllowed: {
      vi: 'Chỉ Đại diện chất lượng hoặc trưởng đơn vị của việc này mới giao lại được',
      en: "Only the Quality Representative or the head of the task's unit reassigns it",
    },
    urgeNotAllowed: {
      vi: 'Chỉ Đại diện chất lượng, trưởng đơn vị của việc này hoặc trưởng đoàn đánh giá (với bước đánh giá) mới đôn đốc được',
      en: "Only the Quality Representative, the head of the task's unit or, for an audit step, the lead auditor urges its assignee",
    },
    auditOwnUnit: {
      vi: 'Chuyên gia đánh giá không bao giờ đánh giá đơn vị của mình ({unitCode})',
      en: 'An auditor never audits their own unit ({unitCode})',
    },
    evidenceNotActor: {
      vi: 'Chỉ người thực hiện hồ sơ {recordType} này hoặc Đại diện chất lượng mới thêm được minh chứng',
      en: 'Only whoever acts on this {recordType} record or the Quality Representative may add evidence to it',
    },
    evidenceEraseNotQualityRepresentative: {
      vi: 'Chỉ Đại diện chất lượng mới xóa được nội dung một tệp minh chứng',
      en: 'Only the Quality Representative may erase the content of an evidence file',
    },
    evidenceNotActorOrAuditor: {
      vi: 'Chỉ người thực hiện hồ sơ {recordType} này, Đại diện chất lượng hoặc chuyên gia đánh giá mới thêm được minh chứng',
      en: 'Only whoever acts on this {recordType} record, the Quality Representative or an auditor may add evidence to it',
    },
    taskLinkMalformed: { vi: 'Liên kết tới việc bị hỏng', en: 'The task link is malformed' },
    taskLinkBadSignature: {
      vi: 'Liên kết tới việc không do hệ thống qcycle này cấp',
      en: 'The task link was not issued by this qcycle installation',
    },
    taskLinkExpired: { vi: 'Liên kết tới việc đã hết hạn', en: 'The task link has expired' },
    taskLinkWrongTask: {
      vi: 'Liên kết này dành cho một việc khác',
      en: 'The task link is for another task',
    },
  },
  [QcycleErrorCode.TaskLinkScope]: {
    default: {
      vi: 'Phiên này, mở từ liên kết trong thư, chỉ mở được việc {taskId}; hãy đăng nhập để làm việc khác',
      en: 'This session, opened from a task link, opens only task {taskId}; sign in for everything else',
    },
  },
  [QcycleErrorCode.LocalLoginDisabled]: {
    default: {
      vi: 'Đăng nhập bằng mật khẩu đã tắt trên hệ thống này (không có JWT_SECRET): hãy đăng nhập qua SSO',
      en: 'Local login is off on this installation (no JWT_SECRET): sign in through the SSO',
    },
  },
  [QcycleErrorCode.SsoDisabled]: {
    default: {
      vi: 'Đăng nhập qua SSO đã tắt trên hệ thống này (chưa đặt OIDC_CLIENT_ID)',
      en: 'Sign-in through the SSO is off on this installation (OIDC_CLIENT_ID is not set)',
    },
  },
  [QcycleErrorCode.PasswordResetUnavailable]: {
    default: {
      vi: 'Hệ thống này chưa gửi được thư (chưa đặt SMTP_URL) nên không gửi được liên kết đặt mật khẩu: hãy đề nghị người quản trị hệ thống đặt mật khẩu mới cho bạn',
      en: 'This installation cannot send mail (SMTP_URL is not set), so it cannot mail a password link: ask your administrator to set a new password for you',
    },
  },
  [QcycleErrorCode.NotFound]: {
    default: { vi: 'Không tìm thấy trong tổ chức của bạn', en: 'Not found in your organisation' },
    route: { vi: 'Không có đường dẫn {method} {path}', en: 'No route {method} {path}' },
    organisation: {
      vi: 'Không tìm thấy tổ chức {code} trong tổ chức của bạn',
      en: 'Organisation {code} not found in your organisation',
    },
    decisionDraft: {
      vi: 'Việc {taskId} không có dự thảo quyết định (chỉ việc phê duyệt hoặc chỉnh sửa dự thảo mục tiêu)',
      en: 'Task {taskId} has no draft decision (only an objectives approval or revision does)',
    },
    template: {
      vi: 'Không có mẫu chu trình "{templateId}"',
      en: 'Unknown cycle template "{templateId}"',
    },
    unit: {
      vi: 'Không tìm thấy đơn vị {code} trong tổ chức của bạn',
      en: 'Unit {code} not found in your organisation',
    },
    user: {
      vi: 'Không tìm thấy người dùng {id} trong tổ chức của bạn',
      en: 'User {id} not found in your organisation',
    },
    roleAssignment: {
      vi: 'Không tìm thấy phân công vai trò {id} trong tổ chức của bạn',
      en: 'Role assignment {id} not found in your organisation',
    },
    task: {
      vi: 'Không tìm thấy việc {taskId} trong tổ chức của bạn',
      en: 'Task {taskId} not found in your organisation',
    },
    notification: { vi: 'Bạn không có thông báo {id}', en: 'You have no notification {id}' },
    notificationCalendar: {
      vi: 'Thông báo {id} không kèm mục lịch',
      en: 'Notification {id} carries no calendar entry',
    },
    calendarFeed: {
      vi: 'Không có lịch đăng ký ở địa chỉ này (địa chỉ đã được thay, đã gỡ hoặc không đúng)',
      en: 'No calendar feed at this address (it was replaced, removed or mistyped)',
    },
    cycleDates: {
      vi: 'Không còn đọc được các mốc của chu trình {cycleId}',
      en: 'The dates of cycle {cycleId} can no longer be read',
    },
    evidence: { vi: 'Không có tệp minh chứng {id}', en: 'No evidence file {id}' },
    document: { vi: 'Không có văn bản {id}', en: 'No document {id}' },
    calendarVersion: {
      vi: 'Không có phiên bản {version} của lịch năm {year}',
      en: 'No version {version} of the {year} calendar',
    },
    calendar: { vi: 'Không có lịch cho {year}', en: 'No calendar for {year}' },
    nextYearDraft: {
      vi: 'Chưa có dự thảo năm sau cho chu trình {cycleId}: dự thảo có từ khi mục tiêu năm nay được phê duyệt (chu trình đã hủy thì không có)',
      en: "No draft for next year from cycle {cycleId}: there is one once this year's objectives are approved (none for a cancelled cycle)",
    },
    decision: {
      vi: 'Chưa có quyết định cho {cycleId}: mục tiêu chưa được phê duyệt',
      en: 'No decision yet for {cycleId}: the objectives are not approved',
    },
    decisionObjective: {
      vi: 'Không có mục tiêu {objectiveId} trong quyết định {documentNumber} của {cycleId}',
      en: 'No objective {objectiveId} in the decision {documentNumber} of {cycleId}',
    },
    decisionWording: {
      vi: 'Temporal không còn giữ nội dung quyết định năm {year} của {workflowId}',
      en: 'The wording of the {year} decision is no longer kept by Temporal for {workflowId}',
    },
    monitoredObjective: {
      vi: 'Không có mục tiêu {objectiveId} được theo dõi trong {cycleId}',
      en: 'No objective {objectiveId} monitored in {cycleId}',
    },
    audit: { vi: 'Chưa có đánh giá nội bộ trong {cycleId}', en: 'No internal audit yet in {cycleId}' },
    auditNotPlanned: {
      vi: 'Đánh giá nội bộ của {cycleId} chưa được lập kế hoạch',
      en: 'The internal audit of {cycleId} is not planned yet',
    },
    auditNotClosed: {
      vi: 'Đánh giá nội bộ của {cycleId} chưa kết thúc',
      en: 'The internal audit of {cycleId} is not closed yet',
    },
    auditStep: {
      vi: 'Không có bước {stepId} trong đánh giá của {cycleId}',
      en: 'No step {stepId} in the audit of {cycleId}',
    },
    nonconformity: {
      vi: 'Không có điểm không phù hợp nào được nêu ở bước {stepId} của {cycleId}',
      en: 'No nonconformity raised at step {stepId} of {cycleId}',
    },
    review: {
      vi: 'Chưa có cuộc họp xem xét của lãnh đạo trong {cycleId}',
      en: 'No management review yet in {cycleId}',
    },
    reviewNotHeld: {
      vi: 'Cuộc họp xem xét của lãnh đạo của {cycleId} chưa diễn ra',
      en: 'The management review of {cycleId} is not held yet',
    },
    announcement: {
      vi: 'Không có thông báo phù hợp năm {year}: phạm vi giống năm {previousYear}',
      en: 'No announcement of conformity in {year}: the scope is the same as in {previousYear}',
    },
  },
  [QcycleErrorCode.CycleNotFound]: {
    default: { vi: 'Không có chu trình {cycleId}', en: 'No cycle {cycleId}' },
  },
  [QcycleErrorCode.MethodNotAllowed]: {
    default: { vi: 'Đường dẫn này không nhận phương thức {method}', en: 'This route does not take {method}' },
  },
  [QcycleErrorCode.Conflict]: {
    default: {
      vi: 'Xung đột với dữ liệu hiện có hoặc việc đã xảy ra',
      en: 'Conflicts with what exists or already happened',
    },
    organisationExists: { vi: 'Tổ chức {code} đã tồn tại', en: 'Organisation {code} already exists' },
    unitExists: { vi: 'Đơn vị {code} đã tồn tại', en: 'Unit {code} already exists' },
    unitInUse: { vi: 'Đơn vị {code} vẫn đang được dùng', en: 'Unit {code} is still in use' },
    unitInRunningCycle: {
      vi: 'Đơn vị {code} còn mục tiêu hoặc nhiệm vụ trong chu trình đang chạy ({cycles}): chuyển giao các nhiệm vụ đang mở và đợi kết thúc năm trước khi xóa đơn vị',
      en: 'Unit {code} still has objectives or tasks in a running cycle ({cycles}): hand its open tasks over and wait for the year to end before removing it',
    },
    emailExists: {
      vi: 'Đã có người dùng với thư điện tử {email}',
      en: 'A user with e-mail {email} already exists',
    },
    alreadyExists: { vi: 'Đã tồn tại', en: 'It already exists' },
    userEditedMeanwhile: {
      vi: 'Thông tin của {name} vừa được người khác thay đổi sau khi bạn mở ra; thay đổi của bạn chưa được lưu. Hãy xem thông tin hiện tại rồi sửa lại',
      en: "{name}'s details were changed by someone else after you opened them; your change was not saved. Look at the details as they are now and make it again",
    },
    organisationEditedMeanwhile: {
      vi: 'Tổ chức {code} vừa được người khác đổi tên sau khi bạn mở ra; thay đổi của bạn chưa được lưu. Hãy xem tên hiện tại rồi sửa lại',
      en: 'Organisation {code} was renamed by someone else after you opened it; your change was not saved. Look at its name as it is now and make it again',
    },
    unitEditedMeanwhile: {
      vi: 'Đơn vị {code} vừa được người khác thay đổi sau khi bạn mở ra; thay đổi của bạn chưa được lưu. Hãy xem thông tin hiện tại rồi sửa lại',
      en: 'Unit {code} was changed by someone else after you opened it; your change was not saved. Look at it as it is now and make it again',
    },
    ownAccount: {
      vi: 'Bạn không thể vô hiệu hóa tài khoản của chính mình',
      en: 'You cannot deactivate your own account',
    },
    ownAdminRole: {
      vi: 'Bạn không thể bỏ vai trò quản trị của chính mình (hãy nhờ một người quản trị hệ thống khác)',
      en: 'You cannot remove your own administrator role (ask another administrator)',
    },
    roleHeld: { vi: '{fullName} đã có vai trò {role}', en: '{fullName} already has the role {role}' },
    roleHeldInUnit: {
      vi: '{fullName} đã có vai trò {role} của đơn vị {unitCode}',
      en: '{fullName} already has the role {role} for {unitCode}',
    },
    cycleNotRunning: {
      vi: 'Chu trình {cycleId} không còn đang chạy ({status})',
      en: 'The cycle {cycleId} is not running ({status})',
    },
    discardRunning: {
      vi: 'Chu trình {cycleId} đang chạy: hãy hủy chu trình trước khi xóa bản diễn tập',
      en: 'The cycle {cycleId} is running: cancel it before discarding the rehearsal',
    },
    discardRealYear: {
      vi: 'Chu trình {cycleId} là năm thật, không phải bản diễn tập: hồ sơ của năm được lưu giữ, không thể xóa',
      en: 'The cycle {cycleId} is a real year, not a rehearsal: its records are kept and cannot be discarded',
    },
    discardNextYearStarted: {
      vi: 'Năm sau ({nextCycleId}) đã bắt đầu và có thể tiếp nối hồ sơ của {cycleId}: không thể xóa bản diễn tập này',
      en: 'The next year ({nextCycleId}) has started and may continue the records of {cycleId}: this rehearsal cannot be discarded',
    },
    evidenceNotSignedCopy: {
      vi: 'Tệp {fileName} không phải bản đã ký (bản chụp) được thêm sau khi quyết định hoặc cuộc họp xem xét được ghi nhận: không gỡ được',
      en: 'The file {fileName} is not a signed copy added once the decision or the review was recorded: it cannot be withdrawn',
    },
    evidenceYearEnded: {
      vi: 'Năm của {cycleId} đã kết thúc ({status}): hồ sơ {recordKey} đã khép lại, không nhận thêm minh chứng',
      en: 'The year of {cycleId} is {status}: the record {recordKey} is final and takes no more evidence',
    },
    yearClosed: {
      vi: 'Năm của {cycleId} đã khép lại đối với mục tiêu {objectiveId}: không thể sửa số liệu nữa',
      en: 'The year of {cycleId} is closed for objective {objectiveId}: its figures can no longer be corrected',
    },
    taskStatus: { vi: 'Việc {taskId} đang ở trạng thái {status}', en: 'Task {taskId} is {status}' },
    taskNotOpen: { vi: 'Việc {taskId} không còn mở', en: 'Task {taskId} is no longer open' },
    taskWorkflowEnded: {
      vi: 'Việc {taskId} không còn mở (quy trình của việc đã kết thúc)',
      en: 'Task {taskId} is no longer open (its workflow has ended)',
    },
    taskCompletedByOther: {
      vi: 'Việc {taskId} đã được người khác hoàn thành',
      en: 'Task {taskId} was already completed by someone else',
    },
    taskCompletedDifferently: {
      vi: 'Việc {taskId} đã được hoàn thành với câu trả lời khác',
      en: 'Task {taskId} was already completed with a different answer',
    },
    taskHandedOverMeanwhile: {
      vi: 'Việc này vừa được giao cho {name} sau khi bạn mở ra; việc giao lại của bạn chưa được thực hiện. Hãy xem ai đang giữ việc rồi quyết định lại',
      en: 'This task was given to {name} after you opened it; your reassignment was not made. Look at who holds it now and decide again',
    },
    taskHandedOverDuringHandover: {
      vi: 'Việc này đã được giao cho {name} trong lúc bàn giao nên không được chuyển',
      en: 'This task was given to {name} meanwhile, so it was not handed over',
    },
    figuresChangedMeanwhile: {
      vi: 'Số liệu của kỳ này vừa được người khác sửa sau khi bạn mở ra; việc sửa của bạn chưa được lưu. Hãy xem số liệu hiện tại rồi sửa lại',
      en: 'The figures of this period were corrected by someone else after you opened them; your correction was not saved. Look at the figures as they are now and correct them again',
    },
    taskUrgedRecently: {
      vi: 'Việc này đã được đôn đốc lúc {urgedAt} (giờ Việt Nam); có thể đôn đốc lại từ {againFrom}',
      en: 'This task was urged at {urgedAt} (Vietnam time); it can be urged again from {againFrom}',
    },
    urgeAssigneeLeft: {
      vi: 'Người được giao việc này không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác): hãy giao lại việc cho người khác thay vì đôn đốc',
      en: "The assignee of this task is no longer in the organisation's directory (left or transferred): hand the task over instead of urging",
    },
    taskCompletedMeanwhile: {
      vi: 'Việc {taskId} vừa được hoàn thành trong lúc đó',
      en: 'Task {taskId} was completed meanwhile',
    },
    calendarChangedMeanwhile: {
      vi: 'Lịch năm {year} vừa được người khác lưu trong lúc bạn sửa; hãy đọc lại rồi lưu',
      en: 'The {year} calendar was saved by someone else while you were editing it; read it and save again',
    },
    documentNumberedWhenIssued: {
      vi: 'Văn bản {id} đã mang số {number} từ khi ban hành: không ghi số khi gửi đi',
      en: 'The document {id} carries the number {number} since it was issued: it takes no number on sending',
    },
    documentTakesNoNumber: {
      vi: 'Văn bản {id} là hồ sơ, không phải văn bản hành chính theo Nghị định 30/2020: không có số, ký hiệu',
      en: 'The document {id} is a record, not a document type of Decree 30/2020: it has no number and symbol',
    },
    documentDispatchChangedMeanwhile: {
      vi: 'Số, ngày gửi của văn bản {id} vừa được ghi cùng lúc; hãy đọc lại rồi gửi lại',
      en: 'The number and date of {id} were recorded at the same moment; read them and send again',
    },
    taskLinkUsed: { vi: 'Liên kết tới việc đã được dùng', en: 'The task link has already been used' },
    passwordLinkUsed: {
      vi: 'Liên kết đặt mật khẩu này đã được dùng, hoặc sau khi thư được gửi tài khoản đã được đặt mật khẩu hay đăng xuất mọi nơi: hãy yêu cầu liên kết mới',
      en: "This password link has been used, or since it was mailed the account's password was set or its sessions ended: ask for a new link",
    },
    taskLinkTaskClosed: {
      vi: 'Việc {taskId} đang ở trạng thái {status}: liên kết trong thư không còn mở được việc; hãy đăng nhập như bình thường',
      en: 'Task {taskId} is {status}: the e-mailed link no longer opens it; sign in as usual',
    },
    taskLinkReassigned: {
      vi: 'Việc {taskId} đã được giao cho người khác: liên kết trong thư không còn mở được việc; hãy đăng nhập như bình thường',
      en: 'Task {taskId} was handed to someone else: the e-mailed link no longer opens it; sign in as usual',
    },
  },
  [QcycleErrorCode.CycleAlreadyStarted]: {
    default: {
      vi: 'Chu trình năm {year} của {organisationCode} đã tồn tại',
      en: 'The {year} cycle of {organisationCode} already exists',
    },
  },
  [QcycleErrorCode.PayloadTooLarge]: {
    default: { vi: 'Nội dung yêu cầu quá lớn', en: 'The request body is too large' },
  },
  [QcycleErrorCode.EvidenceTooLarge]: {
    default: {
      vi: 'Tệp lớn hơn giới hạn cho phép (tối đa {maxBytes} byte mỗi tệp); không lưu gì cả',
      en: 'The file is larger than the limit (at most {maxBytes} bytes each); nothing was kept',
    },
    unpacked: {
      vi: 'Phần nén bên trong tệp (tệp nhúng như bảng tính, đối tượng OLE…) khi giải nén lớn hơn {unpackedBytes} byte, quá nhiều để kiểm tra mã lệnh: hãy lưu tệp thành PDF hoặc bỏ bớt đối tượng nhúng rồi gửi; không lưu gì cả',
      en: 'What is packed inside it (embedded files such as spreadsheets, OLE objects…) unpacks to more than {unpackedBytes} bytes, too much to check for code: save it as PDF or with fewer embedded objects, and send that; nothing was kept',
    },
  },
  [QcycleErrorCode.UnsupportedMediaType]: {
    default: { vi: 'Kiểu nội dung không được chấp nhận', en: 'The content type is not accepted' },
  },
  [QcycleErrorCode.EvidenceTypeRefused]: {
    default: {
      vi: 'Tệp không thuộc loại được chấp nhận (theo nội dung tệp; chấp nhận: {accepted}); không lưu gì cả',
      en: 'The file is not of an accepted type (judged by its content; accepted: {accepted}); nothing was kept',
    },
    content: {
      vi: 'Nội dung tệp không đúng với phần mở rộng trong tên tệp (ví dụ một trang web được đặt tên .xls): hãy mở tệp, lưu lại đúng định dạng hoặc thành PDF rồi gửi; không lưu gì cả',
      en: 'The file’s content is not what the extension in its name says (a web page named .xls, say): open it, save it in that format or as PDF, and send that; nothing was kept',
    },
    macros: {
      vi: 'Tệp có macro (mã lệnh chạy trong tệp: VBA, macro Excel 4.0, LibreOffice Basic), hoặc nhúng hay đính kèm một tệp có macro, nên không được nhận làm minh chứng: hãy lưu lại không có macro (.docx, .xlsx hoặc PDF; với tệp nhúng, bỏ đối tượng nhúng đó hoặc lưu thành PDF) rồi gửi; không lưu gì cả',
      en: 'The file carries macros (code run in the file: VBA, Excel 4.0 macro sheets, LibreOffice Basic), or embeds or attaches a file that does, which evidence may not: save it without them (.docx, .xlsx or PDF; for an embedded file, remove that object or save as PDF) and send that; nothing was kept',
    },
    scripts: {
      vi: 'Tệp PDF có mã lệnh JavaScript hoặc lệnh mở chương trình khác (thường gặp ở biểu mẫu PDF điền được) nên không được nhận làm minh chứng: hãy in tệp ra một tệp PDF mới (chọn máy in "Microsoft Print to PDF" hoặc "Lưu dưới dạng PDF") rồi gửi; không lưu gì cả',
      en: 'The PDF carries JavaScript or an action that launches another program (as fillable PDF forms often do), which evidence may not: print it to a new PDF ("Microsoft Print to PDF" or "Save as PDF") and send that; nothing was kept',
    },
    program: {
      vi: 'Tệp có gói kèm hoặc đính kèm một chương trình hoặc tập lệnh (ví dụ một đối tượng nhúng hiện thành biểu tượng, bấm vào là chạy), trực tiếp hoặc trong một tệp nhúng, nên không được nhận làm minh chứng: hãy bỏ đối tượng hay tệp đính kèm đó, hoặc lưu tài liệu thành PDF rồi gửi; không lưu gì cả',
      en: 'The file packs or attaches a program or script (an embedded object shown as an icon that runs it when double-clicked, say), itself or in a file it embeds, which evidence may not: remove that object or attachment, or save the document as PDF, and send that; nothing was kept',
    },
  },
  [QcycleErrorCode.EvidenceFileGone]: {
    default: {
      vi: 'Tệp minh chứng "{fileName}" vẫn được ghi nhận nhưng không còn trên máy chủ; hãy báo người quản trị hệ thống khôi phục thư mục tệp minh chứng từ bản sao lưu',
      en: 'The evidence file "{fileName}" is still on record but no longer on the server; ask your administrator to restore the evidence folder from the backup',
    },
    changed: {
      vi: 'Tệp minh chứng "{fileName}" trên máy chủ không còn đúng như khi tải lên (nội dung đã bị thay đổi); hãy báo người quản trị hệ thống khôi phục thư mục tệp minh chứng từ bản sao lưu',
      en: 'The evidence file "{fileName}" on the server is no longer the file that was uploaded (its content has changed); ask your administrator to restore the evidence folder from the backup',
    },
    erased: {
      vi: 'Nội dung tệp minh chứng "{fileName}" đã được xóa lúc {erasedAt}: {reason}. Hồ sơ vẫn ghi tên, dung lượng và mã SHA-256 của tệp',
      en: 'The content of the evidence file "{fileName}" was erased at {erasedAt}: {reason}. The record still keeps its name, size and SHA-256',
    },
  },
  [QcycleErrorCode.RuleViolated]: {
    default: {
      vi: 'Bị từ chối theo quy tắc của quy trình: {fields}',
      en: 'Refused by the rules of the process: {fields}',
    },
    invalidCursor: {
      vi: 'after không phải con trỏ của danh sách này',
      en: 'after is not a cursor of this list',
    },
    importUnreadable: {
      vi: 'Không đọc được danh sách trong tệp; chưa nhập dòng nào',
      en: 'The file could not be read as a list of people or units; nothing was imported',
    },
    importRefused: {
      vi: 'Số dòng cần sửa trong tệp: {count}; chưa nhập dòng nào',
      en: 'Rows of the file to correct: {count}; nothing was imported',
    },
    passwordLinkExpired: {
      vi: 'Liên kết đặt mật khẩu đã hết hạn (mỗi liên kết dùng được {minutes} phút): hãy yêu cầu liên kết mới',
      en: 'The password link has expired (each link works for {minutes} minutes): ask for a new link',
    },
    passwordLinkInvalid: {
      vi: 'Liên kết đặt mật khẩu không đúng (có thể bị chép thiếu, hoặc không phải của hệ thống này): hãy mở lại liên kết trong thư, hoặc yêu cầu liên kết mới',
      en: 'The password link is not valid (cut short when copied, perhaps, or not from this installation): open the link in the mail again, or ask for a new one',
    },
    currentPasswordWrong: {
      vi: 'Mật khẩu hiện tại không đúng; mật khẩu chưa được đổi',
      en: 'The current password is wrong; the password was not changed',
    },
  },
  [QcycleErrorCode.OutcomeRefused]: {
    default: {
      vi: 'Câu trả lời cho việc bị từ chối: {fields}',
      en: 'The answer to the task is refused: {fields}',
    },
  },
  [QcycleErrorCode.DraftInvalid]: {
    default: {
      vi: 'Dự thảo chưa thể trình lãnh đạo: {fields}',
      en: 'The draft cannot go to the leader: {fields}',
    },
  },
  [QcycleErrorCode.RosterIncomplete]: {
    default: {
      vi: 'Danh bạ của {organisationCode} còn thiếu: {missing}. Hãy đề nghị người quản trị hệ thống phân công các vai trò này.',
      en: 'The directory of {organisationCode} lacks: {missing}. Ask the administrator to assign these roles.',
    },
  },
  [QcycleErrorCode.EvidenceUploadInvalid]: {
    default: { vi: 'Tệp tải lên không hợp lệ: {fields}', en: 'Invalid upload: {fields}' },
    oneFile: { vi: 'Hãy gửi một tệp, trong trường "file"', en: 'Send one file, in the field "file"' },
    onlyFields: {
      vi: 'Chỉ gửi các trường recordType, recordKey và file',
      en: 'Send only the fields recordType, recordKey and file',
    },
    unreadable: {
      vi: 'Không đọc được nội dung multipart ({reason})',
      en: 'The multipart body could not be read ({reason})',
    },
  },
  [QcycleErrorCode.EvidenceRecordUnknown]: {
    default: { vi: 'Không có hồ sơ {recordType} {recordKey}', en: 'No {recordType} record {recordKey}' },
  },
  [QcycleErrorCode.InvalidDate]: {
    default: { vi: '"{value}" không phải {expected} hợp lệ', en: '"{value}" is not a valid {expected}' },
  },
  [QcycleErrorCode.InvalidMeasurement]: {
    default: { vi: 'Số liệu không hợp lệ: {fields}', en: 'Invalid measurement: {fields}' },
  },
  [QcycleErrorCode.InvalidEvaluationInput]: {
    default: {
      vi: 'Dữ liệu đánh giá mâu thuẫn nhau: {reason}',
      en: 'The evaluation input contradicts itself: {reason}',
    },
  },
  [QcycleErrorCode.UnknownTemplate]: {
    default: { vi: 'Không có mẫu chu trình "{templateId}"', en: 'Unknown cycle template "{templateId}"' },
  },
  [QcycleErrorCode.TooManyRequests]: {
    default: {
      vi: 'Quá nhiều yêu cầu; hãy thử lại sau số giây trong tiêu đề Retry-After-… (ví dụ Retry-After-writes)',
      en: 'Too many requests; retry after the seconds in the Retry-After-… header (e.g. Retry-After-writes)',
    },
  },
  [QcycleErrorCode.Internal]: {
    default: { vi: 'Lỗi máy chủ nội bộ', en: 'Internal server error' },
  },
  [QcycleErrorCode.DatabaseUnavailable]: {
    default: {
      vi: 'Không kết nối được cơ sở dữ liệu; hãy thử lại (yêu cầu này chưa thay đổi gì)',
      en: 'The database cannot be reached; try again (nothing was changed by this request)',
    },
  },
  [QcycleErrorCode.WorkflowUnavailable]: {
    default: {
      vi: 'Quy trình không trả lời kịp; hãy gửi lại yêu cầu với cùng x-request-id (chỉ áp dụng một lần)',
      en: 'The workflow did not answer in time; repeat the request with the same x-request-id (it is applied once)',
    },
    read: {
      vi: 'Quy trình không trả lời kịp; hãy thử lại sau giây lát',
      en: 'The workflow did not answer in time; try again in a moment',
    },
  },
  [QcycleErrorCode.DocumentsUnavailable]: {
    default: {
      vi: 'Máy chủ chưa in được văn bản (thiếu chromium để in PDF); hồ sơ dạng JSON vẫn xem được, hãy báo người quản trị hệ thống',
      en: 'The server cannot print documents (chromium, which prints the PDFs, is missing); the JSON record still answers, tell the administrator',
    },
  },
  [QcycleErrorCode.SsoUnavailable]: {
    default: {
      vi: 'SSO không trả lời; hãy thử đăng nhập lại sau ít phút',
      en: 'The SSO did not answer; try signing in again in a moment',
    },
    failed: {
      vi: 'SSO gặp lỗi ({status}); hãy thử đăng nhập lại sau ít phút',
      en: 'The SSO failed ({status}); try signing in again in a moment',
    },
    unreachable: {
      vi: 'Không kết nối được SSO; hãy đăng nhập bằng mật khẩu hoặc thử lại sau',
      en: 'The SSO cannot be reached; sign in with a password or try again later',
    },
    misconfigured: {
      vi: 'SSO cấu hình sai (tài liệu discovery không khớp OIDC_ISSUER)',
      en: 'The SSO is misconfigured (its discovery document does not match OIDC_ISSUER)',
    },
  },
} as const satisfies Record<QcycleErrorCode, { default: ErrorMessage } & Record<string, ErrorMessage>>;

/** The variants of a code's message, e.g. `'task'` for NOT_FOUND. */
export type ErrorMessageVariant<C extends QcycleErrorCode> = C extends QcycleErrorCode
  ? keyof (typeof QCYCLE_ERROR_MESSAGES)[C] & string
  : never;

/** Values put into a message; a list is joined with ", ". */
export type ErrorMessageParams = Record<
  string,
  string | number | readonly (string | number)[] | null | undefined
>;

/** The message of a refusal in one language, its `{name}`s filled in from `params`. */
export function errorMessage(
  code: QcycleErrorCode,
  variant: string,
  params: ErrorMessageParams,
  language: ErrorLanguage,
): string {
  const variants: Record<string, ErrorMessage> = QCYCLE_ERROR_MESSAGES[code];
  const template = (variants[variant] ?? variants.default)[language];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}
