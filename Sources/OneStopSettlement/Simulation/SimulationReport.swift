public import Foundation

/// 模拟报告 — what a policy simulation found, baseline against reform.
///
/// All amounts are exact ``Money`` (yuan with two decimals in JSON); all
/// ratios and shares are ``Rate``s (six decimals at most, rounded half up
/// once from exact integer totals). The JSON form is the machine output of
/// `settle simulate`; the Markdown and HTML reports render these same
/// values (`markdown()`, `html()`).
public struct SimulationReport: Sendable, Hashable, Codable {
  /// The tables compared.
  public var baseline: TableInfo
  /// The reform table (the baseline with ``overrides``, or another table).
  public var reform: TableInfo
  /// `--set` overrides that made the reform, as written.
  public var overrides: [String]
  /// Claims settled (under every scenario).
  public var claims: Int
  /// Persons with at least one settled claim.
  public var persons: Int
  /// Rows skipped as bad (with `--skip-bad`).
  public var rejectedRows: Int
  /// Analysis parameters used.
  public var parameters: Parameters
  /// 基金支出 — fund cost per layer and in total.
  public var funds: FundCost
  /// By identity class (人员类别), in the baseline table's precedence order,
  /// then persons without an identity.
  public var identityClasses: [ClassComparison]
  /// 个人负担 — the distribution of persons' annual out-of-pocket.
  public var outOfPocket: Comparison<Distribution>
  /// Winners and losers: persons paying less or more under the reform.
  public var winnersAndLosers: WinnersAndLosers
  /// The parameter sweep, when one was run.
  public var sweep: Sweep?
  /// Σ layers + Σ out-of-pocket == Σ total, to the fen, in each scenario.
  public var conservation: Comparison<Bool>

  /// A table's identity.
  public struct TableInfo: Sendable, Hashable, Codable {
    /// Table id.
    public var id: String
    /// Table name.
    public var name: String
  }

  /// The analysis parameters.
  public struct Parameters: Sendable, Hashable, Codable {
    /// Annual out-of-pocket above this amount counts as a heavy burden.
    public var thresholdAmount: Money
    /// Annual out-of-pocket above this share of income counts as
    /// catastrophic (灾难性卫生支出), for persons with an income.
    public var thresholdIncomeShare: Rate
    /// Histogram bin lower edges (the last bin is open).
    public var histogramEdges: [Money]
    /// Dates moved to this year (`--date`), if any.
    public var year: Int?
  }

  /// A value under the baseline and under the reform.
  public struct Comparison<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    /// Under the baseline.
    public var baseline: Value
    /// Under the reform.
    public var reform: Value
  }

  /// An amount under both tables and their difference (reform − baseline).
  public struct AmountChange: Sendable, Hashable, Codable {
    /// Baseline amount (`nil` when the layer is not in the baseline table).
    public var baseline: Money?
    /// Reform amount (`nil` when the layer is not in the reform table).
    public var reform: Money?
    /// Reform − baseline (a missing side counts as 0).
    public var difference: Money
  }

  /// One layer's fund cost.
  public struct LayerCost: Sendable, Hashable, Codable {
    /// Layer id (the key matching layers across tables).
    public var id: String
    /// Layer name.
    public var name: String
    /// The cost.
    public var cost: AmountChange
  }

  /// Fund cost per layer and in total.
  public struct FundCost: Sendable, Hashable, Codable {
    /// Per layer: baseline layers in order, then reform-only layers.
    public var layers: [LayerCost]
    /// All funds together.
    public var total: AmountChange
    /// Total medical cost (the same under both tables).
    public var medicalCost: Money
    /// Total in-policy cost.
    public var inPolicyCost: Money
  }

  /// One identity class under one table.
  public struct ClassOutcome: Sendable, Hashable, Codable {
    /// Funds paid for the class's claims.
    public var funds: Money
    /// Out-of-pocket, all persons of the class.
    public var outOfPocket: Money
    /// Mean annual out-of-pocket per person.
    public var averageOutOfPocket: Money
    /// Median annual out-of-pocket per person.
    public var medianOutOfPocket: Money
    /// 实际报销比例 = funds ÷ total cost.
    public var actualReimbursementRatio: Rate
    /// 政策范围内报销比例 = funds ÷ in-policy cost.
    public var inPolicyReimbursementRatio: Rate
  }

  /// One identity class, both tables.
  public struct ClassComparison: Sendable, Hashable, Codable {
    /// Identity id of the baseline table, or `ordinary`.
    public var id: String
    /// Display name.
    public var name: String
    /// Persons in the class.
    public var persons: Int
    /// Their claims.
    public var claims: Int
    /// Their total medical cost.
    public var totalCost: Money
    /// Their in-policy cost.
    public var inPolicyCost: Money
    /// Outcomes.
    public var outcome: Comparison<ClassOutcome>
  }

  /// One histogram bin.
  public struct Bin: Sendable, Hashable, Codable {
    /// Lower edge (inclusive).
    public var from: Money
    /// Upper edge (exclusive); `nil` = open.
    public var to: Money?
    /// Persons in the bin.
    public var persons: Int
  }

  /// Persons above a threshold.
  public struct Exceedance: Sendable, Hashable, Codable {
    /// Persons considered (all, or those with an income).
    public var considered: Int
    /// Persons above the threshold.
    public var persons: Int
    /// `persons ÷ considered`.
    public var share: Rate
  }

  /// The distribution of annual out-of-pocket over persons.
  public struct Distribution: Sendable, Hashable, Codable {
    /// Mean.
    public var mean: Money
    /// Median (nearest rank).
    public var p50: Money
    /// 90th percentile (nearest rank).
    public var p90: Money
    /// 99th percentile (nearest rank).
    public var p99: Money
    /// Largest.
    public var max: Money
    /// Histogram.
    public var histogram: [Bin]
    /// Above ``Parameters/thresholdAmount``.
    public var overAmount: Exceedance
    /// Above ``Parameters/thresholdIncomeShare`` of income (persons with an income).
    public var overIncomeShare: Exceedance
  }

  /// Persons paying less or more.
  public struct Change: Sendable, Hashable, Codable {
    /// How many.
    public var persons: Int
    /// Sum of their changes (positive = they pay more).
    public var total: Money
    /// Mean change.
    public var average: Money
    /// The largest change in magnitude.
    public var largest: Money
  }

  /// Winners and losers of one class.
  public struct ClassChange: Sendable, Hashable, Codable {
    /// Class id.
    public var id: String
    /// Persons paying less.
    public var winners: Int
    /// Persons paying more.
    public var losers: Int
    /// Net change of the class's out-of-pocket (reform − baseline).
    public var netChange: Money
  }

  /// Winners and losers.
  public struct WinnersAndLosers: Sendable, Hashable, Codable {
    /// Persons paying less under the reform.
    public var winners: Change
    /// Persons paying more under the reform.
    public var losers: Change
    /// Persons paying the same.
    public var unchanged: Int
    /// Per class.
    public var byClass: [ClassChange]
  }

  /// One point of a parameter sweep.
  public struct SweepPoint: Sendable, Hashable, Codable {
    /// The parameter's value.
    public var value: String
    /// Total fund cost.
    public var fundCost: Money
    /// Fund cost per layer (the swept table's layers, in order).
    public var layerCost: [Money]
    /// Mean annual out-of-pocket.
    public var meanOutOfPocket: Money
    /// Median annual out-of-pocket.
    public var p50: Money
    /// 90th percentile.
    public var p90: Money
    /// Share of persons above the amount threshold.
    public var overAmountShare: Rate
    /// Share of persons with an income above the income-share threshold.
    public var overIncomeShare: Rate
  }

  /// A parameter sweep.
  public struct Sweep: Sendable, Hashable, Codable {
    /// The swept path (`layers.majorIllness.deductible`).
    public var key: String
    /// Layer ids of the swept table.
    public var layers: [String]
    /// One point per value.
    public var points: [SweepPoint]
  }

  /// The report as pretty JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }
}
