//! The TypeScript declarations of every type that crosses to the page
//! (reports, options, share payloads, the workspace manifest), generated
//! from the Rust types by ts-rs into `www/src/generated/core.ts`.
//!
//! ts-rs was picked over tsify and specta because it derives from the serde
//! attributes the types already carry (rename_all, skip_serializing_if,
//! default, tags), needs nothing at run time and nothing in the wasm crate
//! (it is a dev-dependency: the derives exist only under `cfg(test)`, so the
//! wasm build and its size do not change), and its output is one plain file
//! the page imports like any module.
//!
//! `generated_types_match_the_committed_file` fails when a Rust type changed
//! and the committed file was not regenerated (`make types`, which runs this
//! test with `THONSO_WRITE_TYPES=1`). `make test` runs it with the other
//! core tests, so drift cannot land.

use crate::{calendar, error, framework, ingest, scoring, session, share, store, turnaround};
use ts_rs::{Config, TS};

const HEADER: &str = "// Generated from the Rust types by ts-rs (core/src/ts_types.rs). Do not edit:\n// change the Rust type, then run `make types`. `make test` fails when this\n// file and the Rust types differ.\n/* eslint-disable */\n";

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$((<$t as TS>::ident($cfg), <$t as TS>::decl($cfg))),*]
    };
}

/// Every declaration, in a fixed order, each exported.
fn generated() -> String {
    // u64/usize counts are JSON numbers (serde_json), never bigints.
    let cfg = Config::new().with_large_int("number");
    let cfg = &cfg;
    let mut items = decls![cfg;
        // Intake
        ingest::Kind,
        ingest::Confidence,
        ingest::ColumnInfo,
        error::Diagnostic,
        ingest::RepairedCell,
        ingest::SheetReport,
        ingest::InspectReport,
        ingest::PooledSheet,
        ingest::IgnoredSheet,
        ingest::labels::CanonLabel,
        ingest::labels::CanonGroup,
        // Criteria and scoring
        framework::Unit,
        framework::Rule,
        framework::Ratio,
        framework::Indicator,
        framework::Pillar,
        framework::Assumption,
        framework::StatusRules,
        framework::Readiness,
        framework::Framework,
        scoring::Status,
        scoring::PillarScore,
        scoring::Failed,
        scoring::UnitScore,
        scoring::CommuneRollup,
        scoring::OneStep,
        scoring::Summary,
        scoring::ScoreReport,
        scoring::IndicatorOverride,
        scoring::Overrides,
        scoring::UnitRef,
        scoring::CommuneChange,
        scoring::SnapshotDiff,
        scoring::Outcome,
        scoring::WhatIf,
        // Turnaround
        turnaround::status::StatusClass,
        turnaround::status::StatusSource,
        turnaround::status::StatusRow,
        turnaround::Excluded,
        turnaround::Metrics,
        turnaround::Group,
        turnaround::Bin,
        turnaround::Side,
        turnaround::BeforeAfter,
        turnaround::LaunchInForce,
        ingest::CompletionSource,
        crate::date::Date,
        calendar::Holiday,
        calendar::DayKind,
        calendar::DayInfo,
        calendar::UserDay,
        calendar::CalendarExtension,
        turnaround::TurnaroundWarning,
        turnaround::TurnaroundReport,
        turnaround::Tally,
        turnaround::TurnaroundHist,
        turnaround::HistGroup,
        turnaround::TurnaroundHists,
        // What the page sends
        session::TurnaroundOptions,
        session::ScoreOptions,
        session::ExportOptions,
        session::FileOptions,
        // Share links and workspaces
        share::Provenance,
        share::ShareFramework,
        share::ShareScore,
        share::ShareTurnaround,
        share::ShareSummary,
        share::SharePayload,
        share::ShareUnit,
        share::ShareTotals,
        share::ShareView,
        share::ShareHist,
        share::ShareHists,
        share::ShareConflict,
        store::StoredFile,
        store::Snapshot,
        store::Workspace,
    ];
    let mut out = String::from(HEADER);
    for (_, decl) in items.drain(..) {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[test]
fn generated_types_match_the_committed_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/src/generated/core.ts");
    let now = generated();
    if std::env::var_os("THONSO_WRITE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create www/src/generated");
        std::fs::write(&path, &now).expect("write www/src/generated/core.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == now,
        "www/src/generated/core.ts differs from the Rust types: run `make types` and commit the file.\n--- generated now ---\n{now}"
    );
}
