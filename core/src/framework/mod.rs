//! The criteria framework as data: pillars, indicators, status rules.
//!
//! Criteria are set by each province (domain brief §2), so nothing about them
//! is code: the default is a versioned JSON document (`default.json`), users
//! edit thresholds/weights/BB-TC, and a criteria sheet in a workbook can be
//! read into the same structure (`sheet.rs`).

mod sheet;

pub use sheet::{criteria_columns, framework_from_rows, is_criteria_header_cell, parse_target, CriteriaColumns, ParsedTarget};

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "thonso-framework";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Framework {
    #[serde(default = "format_name")]
    pub format: String,
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub rules: StatusRules,
    /// How readiness is computed; absent in older files = weighted.
    #[serde(default, skip_serializing_if = "Readiness::is_weighted")]
    pub readiness: Readiness,
    /// What the reader had to assume about the criteria (e.g. a published
    /// sheet without weights or BB/TC), to be stated beside the scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Assumption>,
    pub pillars: Vec<Pillar>,
}

/// How an indicator earns credit towards readiness.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Readiness {
    /// Partial credit by how close the value is to the threshold, weighted.
    #[default]
    Weighted,
    /// Credit 1 when the indicator is met, 0 otherwise, weighted; with the
    /// equal weights of a published sheet this is the share of indicators met.
    ShareMet,
}

impl Readiness {
    pub fn is_weighted(&self) -> bool {
        *self == Readiness::Weighted
    }
}

/// A bilingual note on how the criteria were read.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Assumption {
    pub code: String,
    pub message: String,
    pub message_en: String,
}

fn format_name() -> String {
    FORMAT.to_string()
}
fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StatusRules {
    /// Recognition also needs at least this many self-selected (TC) passes.
    #[serde(default)]
    pub min_optional_passed: Option<u32>,
    /// "Nearly": at most this many mandatory items fail (domain: exactly one).
    #[serde(default = "near_failed_default")]
    pub near_max_mandatory_failed: u32,
    /// "Nearly" also when readiness reaches this.
    #[serde(default = "near_readiness_default")]
    pub near_readiness: f64,
}

fn near_failed_default() -> u32 {
    1
}
fn near_readiness_default() -> f64 {
    70.0
}

impl Default for StatusRules {
    fn default() -> Self {
        StatusRules { min_optional_passed: None, near_max_mandatory_failed: 1, near_readiness: 70.0 }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Pillar {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Unit {
    /// Reported on a 0–100 scale whatever the input form.
    Percent,
    YesNo,
    Number,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Rule {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    /// Yes/no indicator that must be "yes".
    #[serde(rename = "=")]
    Yes,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Ratio {
    pub numerator: Vec<String>,
    pub denominator: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Indicator {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub unit: Unit,
    pub rule: Rule,
    pub threshold: f64,
    pub weight: f64,
    /// Bắt buộc (BB) when true, tự chọn (TC) when false.
    pub mandatory: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<Ratio>,
    /// How the criteria sheet explains the indicator («Giải thích chỉ tiêu»).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
}

impl Framework {
    /// The built-in default (domain brief §2 table).
    pub fn default_vn() -> Framework {
        // The JSON is compiled in and covered by a test, so this cannot fail at run time.
        serde_json::from_str(include_str!("default.json")).unwrap_or_else(|_| Framework::empty())
    }

    fn empty() -> Framework {
        Framework {
            format: FORMAT.into(),
            version: VERSION,
            id: String::new(),
            name: String::new(),
            name_en: String::new(),
            rules: StatusRules::default(),
            readiness: Readiness::Weighted,
            assumptions: Vec::new(),
            pillars: Vec::new(),
        }
    }

    pub fn from_json(text: &str) -> Result<Framework> {
        let fw: Framework = serde_json::from_str(text).map_err(|e| {
            Error::new(
                "framework_json",
                format!("Tệp bộ tiêu chí (JSON) không hợp lệ: {e}. Hãy kiểm tra lại tệp hoặc xuất lại từ Thôn Số."),
                format!("The criteria framework JSON is invalid: {e}. Check the file or export it again from Thôn Số."),
            )
        })?;
        fw.validate()?;
        Ok(fw)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn indicators(&self) -> impl Iterator<Item = (&Pillar, &Indicator)> {
        self.pillars.iter().flat_map(|p| p.indicators.iter().map(move |i| (p, i)))
    }

    pub fn indicator_count(&self) -> usize {
        self.pillars.iter().map(|p| p.indicators.len()).sum()
    }

    pub fn find(&self, id: &str) -> Option<&Indicator> {
        self.indicators().map(|(_, i)| i).find(|i| i.id.eq_ignore_ascii_case(id))
    }

    /// What intake needs of the indicators, as plain data: ids, the names
    /// and aliases that head their columns, how each column is typed, and a
    /// ratio's numerator and denominator headers.
    pub fn intake(&self) -> crate::ingest::Indicators {
        use crate::ingest::columns::ColType;
        let spec = |i: &Indicator| crate::ingest::IndicatorSpec {
            id: i.id.clone(),
            names: std::iter::once(&i.name).chain(&i.aliases).cloned().collect(),
            col_type: match i.unit {
                Unit::Percent => ColType::Percent,
                Unit::YesNo => ColType::YesNo,
                Unit::Number => ColType::Number,
            },
            ratio: i.ratio.as_ref().map(|r| (r.numerator.clone(), r.denominator.clone())),
        };
        crate::ingest::Indicators(self.indicators().map(|(_, i)| spec(i)).collect())
    }

    pub fn find_mut(&mut self, id: &str) -> Option<&mut Indicator> {
        self.pillars.iter_mut().flat_map(|p| p.indicators.iter_mut()).find(|i| i.id.eq_ignore_ascii_case(id))
    }

    pub fn total_weight(&self) -> f64 {
        self.indicators().map(|(_, i)| i.weight).sum()
    }

    /// Rejects frameworks the scorer could not use sensibly.
    pub fn validate(&self) -> Result<()> {
        let bad = |vi: String, en: String| Err(Error::new("framework_invalid", vi, en));
        if self.format != FORMAT {
            return bad(
                format!("Tệp không phải bộ tiêu chí Thôn Số (format = «{}»).", self.format),
                format!("Not a Thôn Số criteria framework (format = \"{}\").", self.format),
            );
        }
        if self.version > VERSION {
            return bad(
                format!("Bộ tiêu chí phiên bản {} mới hơn phiên bản ứng dụng hỗ trợ ({VERSION}). Hãy cập nhật Thôn Số.", self.version),
                format!("Framework version {} is newer than this app supports ({VERSION}). Update Thôn Số.", self.version),
            );
        }
        if self.indicator_count() == 0 {
            return bad("Bộ tiêu chí không có chỉ tiêu nào.".into(), "The framework has no indicators.".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (_, i) in self.indicators() {
            if !seen.insert(i.id.to_ascii_uppercase()) {
                return bad(format!("Mã chỉ tiêu «{}» bị trùng.", i.id), format!("Indicator id \"{}\" is duplicated.", i.id));
            }
            if !i.threshold.is_finite() || !i.weight.is_finite() || i.weight < 0.0 {
                return bad(
                    format!("Chỉ tiêu {}: ngưỡng hoặc trọng số không hợp lệ.", i.id),
                    format!("Indicator {}: invalid threshold or weight.", i.id),
                );
            }
            if i.rule != Rule::Yes && i.threshold <= 0.0 && i.rule == Rule::AtLeast {
                // A ≥ 0 rule always passes; allowed but credit would divide by zero.
                continue;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_framework_matches_domain_table() {
        let fw: Framework = serde_json::from_str(include_str!("default.json")).expect("default.json parses");
        fw.validate().expect("valid");
        assert_eq!(fw.indicator_count(), 17);
        let weights: Vec<(String, f64)> =
            fw.pillars.iter().map(|p| (p.id.clone(), p.indicators.iter().map(|i| i.weight).sum())).collect();
        assert_eq!(
            weights,
            vec![("HT".into(), 25.0), ("CQ".into(), 30.0), ("KT".into(), 20.0), ("XH".into(), 25.0)]
        );
        let bb: Vec<&str> = fw.indicators().filter(|(_, i)| i.mandatory).map(|(_, i)| i.id.as_str()).collect();
        assert_eq!(bb, vec!["HT2", "HT3", "CQ1", "CQ2"]);
        let xh5 = fw.find("XH5").expect("XH5");
        assert_eq!((xh5.rule, xh5.threshold), (Rule::AtLeast, 100.0));
        assert!(fw.find("HT1").and_then(|i| i.ratio.as_ref()).is_some());
    }

    #[test]
    fn json_round_trip_and_errors() {
        let fw = Framework::default_vn();
        let back = Framework::from_json(&fw.to_json()).expect("round trip");
        assert_eq!(fw, back);
        let err = Framework::from_json("{\"name\": 3}").unwrap_err();
        assert_eq!(err.code, "framework_json");
        assert!(err.message.contains("không hợp lệ"));
    }
}
