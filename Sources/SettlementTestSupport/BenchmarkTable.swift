import Foundation
public import OneStopSettlement

/// 基准政策表 — a full, seed-like policy table for benchmarks and tests.
///
/// Six layers in settlement order — 基本医保, 大病保险, 医疗救助, 倾斜救助,
/// 兜底 (年度个人负担上限) — three hospital levels and six 救助 identity
/// classes, in the shape of the Hubei seed region (the province whose
/// published numbers are most complete in `shared/domain/rules.md`).
///
/// **Illustrative as a whole**: it combines published numbers from several
/// regions (each carries its `source`) with invented ones (each marked
/// `illustrative: true`). It is a load for the engine, not any region's policy.
///
///     let engine = try BenchmarkTable.engine()
public enum BenchmarkTable {
  /// Identity ids in the table's precedence order (bit `i` of
  /// ``PreparedClaim/identities`` is identity `i`).
  public static let identities = ["extremePoverty", "minimumLiving", "returnedPoverty", "monitored", "lowIncomeMargin", "illnessPoverty"]
  /// Hospital level ids (index = ``PreparedClaim/level``).
  public static let levels = ["1", "2", "3"]
  /// The year the table is valid for.
  public static let year = 2024

  /// The table compiled into an engine.
  public static func engine() throws(SettlementError) -> SettlementEngine {
    try SettlementEngine(table: try PolicyTable.decode(from: Data(json.utf8)))
  }

  /// The table as JSON (schema version 1).
  public static let json = #"""
  {
    "schemaVersion": 1,
    "id": "benchmark/hubei-like@2024",
    "name": "基准表（湖北式，示意）",
    "validFrom": "2024-01-01",
    "validTo": "2024-12-31",
    "rounding": "halfUp",
    "illustrative": true,
    "note": "Benchmark load: published numbers from several regions (each sourced) plus illustrative ones; not any region's policy.",
    "hospitalLevels": [
      { "id": "1", "name": "一级", "codes": ["L1"] },
      { "id": "2", "name": "二级", "codes": ["L2"] },
      { "id": "3", "name": "三级", "codes": ["L3"] }
    ],
    "identities": [
      { "id": "extremePoverty", "name": "特困人员", "codes": ["TK"] },
      { "id": "minimumLiving", "name": "低保对象", "codes": ["DB"] },
      { "id": "returnedPoverty", "name": "返贫致贫人口", "codes": ["FP"] },
      { "id": "monitored", "name": "监测对象", "codes": ["JC"] },
      { "id": "lowIncomeMargin", "name": "低保边缘家庭成员", "codes": ["BY"] },
      { "id": "illnessPoverty", "name": "因病致贫重病患者", "codes": ["YB"] }
    ],
    "layers": [
      {
        "kind": "basic", "id": "basic", "name": "基本医保", "fundCode": "390100", "fundName": "城乡居民基本医疗保险基金",
        "source": "https://m.fupindai.com/dongshi/bgab/zJvY9Dj32w (Wuhan inpatient deductibles, ratios, repeat admission, waivers)",
        "benefits": [
          {
            "claimKinds": ["inpatient"],
            "deductible": { "1": "200.00", "2": "400.00", "3": "800.00" },
            "ratio": { "1": "0.90", "2": "0.70", "3": "0.60" },
            "placePoints": { "outOfProvince": { "value": -10, "illustrative": true, "note": "invented out-of-province reduction" } },
            "noReferralPoints": { "value": -15, "source": "o.borongbank.cn/show-79851.html (未按分级诊疗转诊 −15)" },
            "repeatAdmission": { "fromAdmission": 2, "factor": "0.5", "levels": ["2", "3"] }
          },
          {
            "claimKinds": ["outpatientChronic"],
            "deductible": { "1": { "value": "0.00", "illustrative": true }, "2": { "value": "0.00", "illustrative": true }, "3": { "value": "0.00", "illustrative": true } },
            "ratio": { "1": { "value": "0.70", "illustrative": true }, "2": { "value": "0.65", "illustrative": true }, "3": { "value": "0.60", "illustrative": true } }
          },
          {
            "claimKinds": ["generalOutpatient"],
            "deductible": { "1": { "value": "0.00", "illustrative": true }, "2": { "value": "100.00", "illustrative": true }, "3": { "value": "200.00", "illustrative": true } },
            "ratio": { "1": { "value": "0.60", "illustrative": true }, "2": { "value": "0.50", "illustrative": true }, "3": { "value": "0.40", "illustrative": true } }
          }
        ],
        "annualCaps": [
          { "amount": { "value": "150000.00", "source": "https://m.jiusongjiankang.com/health/news/4618842.html (Wuhan 居民 年度 cap 15万, weak)" }, "claimKinds": ["inpatient", "outpatientChronic"] },
          { "amount": { "value": "400.00", "illustrative": true, "note": "invented general-outpatient cap" }, "claimKinds": ["generalOutpatient"] }
        ],
        "identityOverrides": {
          "extremePoverty": { "deductibleWaived": true },
          "minimumLiving": { "deductibleWaived": true }
        }
      },
      {
        "kind": "majorIllness", "id": "majorIllness", "name": "大病保险", "fundCode": "390200", "fundName": "城乡居民大病医疗保险基金",
        "source": "http://huaxiashiwen.com/news/yiliaobx/877108.html (Hubei 2020–2022: 1.2万; 60/65/75; cap 30万; 建档立卡 0.5万, +5, no cap)",
        "appliesTo": { "claimKinds": ["inpatient", "outpatientChronic"] },
        "deductible": "12000.00", "breakpoints": "absolute",
        "segments": [{ "upTo": "30000.00", "rate": "0.60" }, { "upTo": "100000.00", "rate": "0.65" }, { "rate": "0.75" }],
        "annualCap": "300000.00",
        "identityOverrides": {
          "extremePoverty": { "deductible": "5000.00", "segmentPoints": 5, "removeCap": true },
          "minimumLiving": { "deductible": "5000.00", "segmentPoints": 5, "removeCap": true },
          "returnedPoverty": { "deductible": "5000.00", "segmentPoints": 5, "removeCap": true }
        }
      },
      {
        "kind": "assistance", "id": "assistance", "name": "医疗救助", "fundCode": "610100", "fundName": "医疗救助基金",
        "source": "https://suqian.gov.cn/cnsq/cjwt7/202405/75e853869b7b46a3832fd12f78fa6e0e.shtml (宿迁 2024 classes; cap 10万, 普通门诊 1万, 门慢特+住院 9万)",
        "basis": "perClaim",
        "classes": [
          { "name": "特困", "identities": ["extremePoverty"], "deductible": "0", "ratio": "1.00",
            "annualCaps": [{ "amount": "100000.00" }, { "amount": "10000.00", "claimKinds": ["generalOutpatient"] }, { "amount": "90000.00", "claimKinds": ["inpatient", "outpatientChronic"] }] },
          { "name": "低保", "identities": ["minimumLiving"], "deductible": "0", "ratio": "0.80",
            "annualCaps": [{ "amount": "100000.00" }, { "amount": "10000.00", "claimKinds": ["generalOutpatient"] }, { "amount": "90000.00", "claimKinds": ["inpatient", "outpatientChronic"] }] },
          { "name": "低保边缘等", "identities": ["returnedPoverty", "monitored", "lowIncomeMargin", "illnessPoverty"], "deductible": "3000.00", "ratio": "0.70",
            "annualCaps": [{ "amount": "100000.00" }, { "amount": "10000.00", "claimKinds": ["generalOutpatient"] }, { "amount": "90000.00", "claimKinds": ["inpatient", "outpatientChronic"] }] }
        ]
      },
      {
        "kind": "tilt", "id": "tilt", "name": "倾斜救助", "fundCode": "610102", "fundName": "医疗再救助基金",
        "source": "http://m.ddtbk.com/techan/bb256a4b36cb46902601d9984b2463a9.html (宜昌 倾斜救助 classes, cap 5万)",
        "appliesTo": { "claimKinds": ["inpatient"], "places": ["inCounty", "inCity", "inProvince"], "requiresReferral": true },
        "basis": "perClaim",
        "classes": [
          { "name": "特困", "identities": ["extremePoverty"], "deductible": "5000.00", "ratio": "1.00", "annualCaps": [{ "amount": "50000.00" }] },
          { "name": "低保、返贫致贫", "identities": ["minimumLiving", "returnedPoverty"], "deductible": "5000.00", "ratio": "0.90", "annualCaps": [{ "amount": "50000.00" }] },
          { "name": "监测对象", "identities": ["monitored"], "deductible": "5000.00", "ratio": "0.70", "annualCaps": [{ "amount": "50000.00" }] },
          { "name": "低保边缘", "identities": ["lowIncomeMargin"], "deductible": "7000.00", "ratio": "0.70", "annualCaps": [{ "amount": "50000.00" }] },
          { "name": "因病致贫", "identities": ["illnessPoverty"], "deductible": "7000.00", "ratio": "0.50", "annualCaps": [{ "amount": "50000.00" }] }
        ]
      },
      {
        "kind": "outOfPocketCeiling", "id": "ceiling", "name": "政府兜底", "fundCode": "640100", "fundName": "政府兜底基金",
        "source": "http://news.cnhan.com/html/hubei/20180712/972093.htm (Hubei 2018: 年度个人实际负担 ≤5000元)",
        "appliesTo": { "identities": ["extremePoverty", "minimumLiving", "returnedPoverty"] },
        "ceiling": "5000.00"
      }
    ]
  }
  """#
}
