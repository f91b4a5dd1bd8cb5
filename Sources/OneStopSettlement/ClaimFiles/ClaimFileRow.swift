/// 申请行 — one row of a claims file as owned values.
///
/// The table-independent form of a claim in a file: codes stay codes until
/// a table resolves them. ``ClaimFileWriter`` writes rows,
/// ``ClaimFileDecoder`` reads them back; batch settlement and simulation
/// read files without building rows at all.
public struct ClaimFileRow: Sendable, Hashable {
  /// 结算编号 — claim id (may be empty).
  public var claimId: String
  /// 人员编号 — person id.
  public var personId: String
  /// 结算日期 — discharge or settlement date.
  public var date: CivilDate
  /// 就医类别 — kind of claim.
  public var kind: ClaimKind
  /// 起付线医院等级 — hospital level code.
  public var hospitalLevel: String
  /// 就医地 — place of treatment.
  public var place: Place
  /// 规范转诊 — referred.
  public var referred: Bool
  /// 定点救治医院 — treated at a designated hospital.
  public var designatedHospital: Bool
  /// 人员身份 — identity codes with validity.
  public var identities: [IdentityRecord]
  /// 费用 — the amounts.
  public var amounts: ClaimAmounts
  /// 诊断 — diagnosis codes, main first.
  public var diagnoses: [String]
  /// 年收入 — the person's annual income, when known.
  public var income: Money?

  /// Creates a row.
  public init(
    claimId: String = "", personId: String, date: CivilDate, kind: ClaimKind, hospitalLevel: String, place: Place,
    referred: Bool = false, designatedHospital: Bool = false, identities: [IdentityRecord] = [], amounts: ClaimAmounts,
    diagnoses: [String] = [], income: Money? = nil
  ) {
    self.claimId = claimId; self.personId = personId; self.date = date; self.kind = kind
    self.hospitalLevel = hospitalLevel; self.place = place; self.referred = referred
    self.designatedHospital = designatedHospital; self.identities = identities; self.amounts = amounts
    self.diagnoses = diagnoses; self.income = income
  }

  /// The row as a ``Claim`` (for ``SettlementEngine/prepare(_:)``).
  public var claim: Claim {
    Claim(
      id: claimId, kind: kind, hospitalLevel: hospitalLevel, place: place, referred: referred, dischargeDate: date,
      diagnoses: diagnoses, designatedHospital: designatedHospital, amounts: amounts, person: Person(identities: identities))
  }
}

extension ClaimFileRow {
  /// Builds the owned row of a scanned one.
  init(_ s: borrowing ScannedClaim, _ b: Span<UInt8>) {
    let date = ByteText.civilDate(s.date) ?? CivilDate.epoch
    var identities: [IdentityRecord] = []
    for k in 0..<s.identityCount {
      let e = s.identities[k]
      identities.append(IdentityRecord(
        code: e.code.string(in: b), begin: e.begin == 0 ? nil : ByteText.civilDate(e.begin),
        end: e.end == .max ? nil : ByteText.civilDate(e.end)))
    }
    var diagnoses: [String] = []
    for k in 0..<s.diagnosisCount { diagnoses.append(s.diagnoses[k].string(in: b)) }
    self.init(
      claimId: s.claimId.string(in: b), personId: s.personId.string(in: b), date: date, kind: s.kind,
      hospitalLevel: s.level.string(in: b), place: s.place, referred: s.referred, designatedHospital: s.designated,
      identities: identities,
      amounts: ClaimAmounts(
        total: Money(fen: s.total), fullyOwnPay: Money(fen: s.fullyOwnPay), overLimit: Money(fen: s.overLimit),
        payFirst: Money(fen: s.payFirst), inPolicy: Money(fen: s.inPolicy)),
      diagnoses: diagnoses, income: s.income < 0 ? nil : Money(fen: s.income))
  }
}

extension CivilDate {
  /// 1970-01-01 (a placeholder that never reaches a table).
  static let epoch = CivilDate(constantYear: 1970, month: 1, day: 1)
}
