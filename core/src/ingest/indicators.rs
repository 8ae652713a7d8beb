//! What intake needs to know of the criteria framework, as plain data: each
//! indicator's id, the header texts that name it, how its column is typed,
//! and the headers of a ratio's numerator and denominator. The framework
//! builds it (`Framework::intake`); header detection, column mapping and the
//! villages frame read only this, so `ingest` never needs the `Framework`
//! type (`framework` reads criteria sheets through `ingest`, not the reverse).

use super::columns::ColType;

/// One indicator as intake sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSpec {
    pub id: String,
    /// The indicator's name, then its aliases.
    pub names: Vec<String>,
    /// How its column is read: `YesNo`, `Percent` or `Number`.
    pub col_type: ColType,
    /// Headers of a ratio's numerator and of its denominator, when the
    /// indicator can be computed from two columns.
    pub ratio: Option<(Vec<String>, Vec<String>)>,
}

/// The indicators of a framework, in its order (pillar by pillar).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Indicators(pub Vec<IndicatorSpec>);

impl Indicators {
    pub fn iter(&self) -> std::slice::Iter<'_, IndicatorSpec> {
        self.0.iter()
    }

    /// The indicator with this id; ids compare ASCII case-insensitively, as
    /// `Framework::find` does.
    pub fn find(&self, id: &str) -> Option<&IndicatorSpec> {
        self.0.iter().find(|i| i.id.eq_ignore_ascii_case(id))
    }
}
