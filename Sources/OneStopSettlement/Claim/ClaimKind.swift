/// 就医类别 — the kind of claim, which selects a layer's parameters.
///
/// Regional `med_type` codes (21 普通住院, 14 门诊慢特病, 11 普通门诊 …) are
/// mapped onto these by the caller or the platform adapter.
public enum ClaimKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// 住院 — inpatient admission.
  case inpatient
  /// 门诊慢特病 — outpatient chronic or special disease.
  case outpatientChronic
  /// 普通门诊 — general outpatient.
  case generalOutpatient

  /// Dense index used by compiled tables (0…2).
  var index: Int {
    switch self {
    case .inpatient: 0
    case .outpatientChronic: 1
    case .generalOutpatient: 2
    }
  }
}

/// 就医地 — where the patient was treated, relative to the insured area.
public enum Place: String, Sendable, Hashable, Codable, CaseIterable {
  /// 县域内 — in the insured county.
  case inCounty
  /// 市域内（县外）— in the city/prefecture, outside the county.
  case inCity
  /// 省内（市外）— in the province, outside the city.
  case inProvince
  /// 省外 — out of the province.
  case outOfProvince

  /// Dense index used by compiled tables (0…3).
  var index: Int {
    switch self {
    case .inCounty: 0
    case .inCity: 1
    case .inProvince: 2
    case .outOfProvince: 3
    }
  }
}
