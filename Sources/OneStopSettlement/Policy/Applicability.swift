/// 适用范围 — which claims a layer (or class) applies to.
///
/// Every list is optional; an absent list means “all”. A claim outside the
/// scope gets nothing from the layer, and the layer's base is still shown.
public struct Applicability: Sendable, Hashable, Codable {
  /// Claim kinds the layer applies to (`nil` = all).
  public var claimKinds: [ClaimKind]?
  /// Places of treatment it applies to (`nil` = all), e.g. `["inCounty","inCity","inProvince"]` for 省内.
  public var places: [Place]?
  /// Identity classes it applies to (`nil` = everyone).
  public var identities: [String]?
  /// 规范转诊 — applies only when the claim is a referred admission.
  public var requiresReferral: Bool
  /// 病种 — applies only when a diagnosis is on one of these lists (`nil` = any).
  public var diseaseLists: [String]?
  /// 定点救治医院 — applies only at a designated hospital.
  public var requiresDesignatedHospital: Bool

  /// Everything.
  public static let all = Applicability()

  /// Creates a scope.
  public init(
    claimKinds: [ClaimKind]? = nil, places: [Place]? = nil, identities: [String]? = nil, requiresReferral: Bool = false,
    diseaseLists: [String]? = nil, requiresDesignatedHospital: Bool = false
  ) {
    self.claimKinds = claimKinds; self.places = places
    self.identities = identities; self.requiresReferral = requiresReferral
    self.diseaseLists = diseaseLists; self.requiresDesignatedHospital = requiresDesignatedHospital
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case claimKinds, places, identities, requiresReferral, diseaseLists, requiresDesignatedHospital
  }

  /// Decodes a scope, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    claimKinds = try c.decodeIfPresent([ClaimKind].self, forKey: .claimKinds)
    places = try c.decodeIfPresent([Place].self, forKey: .places)
    identities = try c.decodeIfPresent([String].self, forKey: .identities)
    requiresReferral = try c.decodeIfPresent(Bool.self, forKey: .requiresReferral) ?? false
    diseaseLists = try c.decodeIfPresent([String].self, forKey: .diseaseLists)
    requiresDesignatedHospital = try c.decodeIfPresent(Bool.self, forKey: .requiresDesignatedHospital) ?? false
  }
}
