/**
 * Vietnamese names of the envelope's fields, for messages such as
 * "subject (trích yếu) must not exceed 500 characters". Keys are paths with array indices as `*`;
 * a field not listed by full path is looked up by its own name.
 */
const LABELS_BY_PATH: ReadonlyMap<string, string> = new Map(
  Object.entries({
    from: 'nơi gửi',
    'from.organId': 'mã định danh nơi gửi',
    'from.organName': 'tên cơ quan gửi',
    to: 'nơi nhận',
    'to.*': 'nơi nhận',
    'to.*.organId': 'mã định danh nơi nhận',
    'to.*.organName': 'tên cơ quan nhận',
    code: 'số, ký hiệu',
    'code.codeNumber': 'số',
    'code.codeNotation': 'ký hiệu',
    promulgationInfo: 'thông tin ban hành',
    'promulgationInfo.place': 'địa danh ban hành',
    'promulgationInfo.promulgationDate': 'ngày ban hành',
    'otherInfo.appendixes.*': 'phụ lục',
    'toPlaces.*': 'nơi nhận ghi trên văn bản',
    'responseFor.*': 'văn bản được phúc đáp',
    'responseFor.*.organId': 'mã định danh cơ quan ban hành văn bản được phúc đáp',
    'responseFor.*.code': 'số, ký hiệu văn bản được phúc đáp',
    'responseFor.*.promulgationDate': 'ngày ban hành văn bản được phúc đáp',
    'responseFor.*.documentId': 'mã văn bản được phúc đáp',
    replaces: 'văn bản được thay thế',
    'replaces.documentId': 'mã văn bản được thay thế',
    'replaces.reason': 'lý do thay thế',
  }),
);

// Maps, not object literals: a field named `constructor` must not find Object.prototype's.
const LABELS_BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries({
    organizationInCharge: 'cơ quan chủ quản',
    organAdd: 'địa chỉ',
    email: 'thư điện tử',
    telephone: 'điện thoại',
    fax: 'số fax',
    website: 'trang thông tin điện tử',
    documentType: 'loại văn bản',
    type: 'mã loại văn bản',
    typeDetail: 'chi tiết loại văn bản',
    typeName: 'tên loại văn bản',
    subject: 'trích yếu',
    content: 'nội dung',
    signerInfo: 'người ký',
    competence: 'thẩm quyền ký',
    position: 'chức vụ người ký',
    fullName: 'họ và tên người ký',
    dueDate: 'hạn xử lý',
    urgency: 'độ khẩn',
    confidentiality: 'độ mật',
    steeringType: 'loại chỉ đạo, điều hành',
    otherInfo: 'thông tin khác',
    priority: 'độ ưu tiên',
    sphereOfPromulgation: 'phạm vi ban hành',
    typerNotation: 'ký hiệu người đánh máy',
    promulgationAmount: 'số lượng bản phát hành',
    pageAmount: 'số trang',
    direction: 'văn bản chỉ đạo',
    appendixes: 'phụ lục',
    toPlaces: 'nơi nhận ghi trên văn bản',
    responseFor: 'văn bản được phúc đáp',
    documentId: 'mã văn bản',
  }),
);

/** `to[1].organId` for `['to', 1, 'organId']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  }
  return text;
}

/** `subject (trích yếu)`; the path alone for a field without a Vietnamese name. */
export function describeField(path: readonly PropertyKey[]): string {
  const shown = formatPath(path);
  if (path.length === 0) return 'the envelope';
  const pattern = path.map((key) => (typeof key === 'number' ? '*' : String(key))).join('.');
  const last = [...path].reverse().find((key) => typeof key === 'string');
  const label =
    LABELS_BY_PATH.get(pattern) ?? (last ? LABELS_BY_NAME.get(String(last)) : undefined);
  return label ? `${shown} (${label})` : shown;
}
