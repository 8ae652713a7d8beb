//! The two limit sets (issue 17): the browser's (`Limits::default()`) and the
//! CLI's (`Limits::cli()`), one size check for both, and a "too large"
//! message that depends on who asks.

use thonso_core::ingest::{Host, Limits, CLI_MAX_MB};
use thonso_core::session::{Session, SessionOptions};

const MB: u64 = 1 << 20;

#[test]
fn a_file_between_the_browser_and_the_cli_limit_is_refused_by_the_browser_and_accepted_by_the_cli() {
    let (browser, cli) = (Limits::default(), Limits::cli());
    assert_eq!(browser.host, Host::Browser);
    assert_eq!(cli.host, Host::Cli);
    assert!(cli.max_bytes > browser.max_bytes && cli.max_cells > browser.max_cells && cli.max_unzipped_bytes > browser.max_unzipped_bytes);
    assert_eq!(cli.max_bytes as u64, CLI_MAX_MB * MB);

    let size = 500 * MB; // over the tab's 400 MB, under the CLI's 1024 MB
    assert!(size > browser.max_bytes as u64 && size <= cli.max_bytes as u64);
    let e = browser.check_size(size).expect_err("the browser refuses 500 MB");
    assert_eq!(e.code, "file_too_large");
    assert!(e.message.contains("trình duyệt") && e.message.contains("`thonso`"), "{}", e.message);
    assert!(e.message_en.contains("browser") && e.message_en.contains("command-line tool"), "{}", e.message_en);
    assert!(e.message_en.contains("500 MB, limit 400 MB"), "{}", e.message_en);
    cli.check_size(size).expect("the CLI accepts 500 MB");
    browser.check_size(browser.max_bytes as u64).expect("the limit itself is allowed");
}

#[test]
fn the_cli_says_what_its_limit_is_and_what_to_do() {
    let e = Limits::cli().check_size(1500 * MB).expect_err("over the CLI's limit");
    assert_eq!(e.code, "file_too_large");
    // Not "use the command-line tool": this is that tool.
    assert!(!e.message.contains("trình duyệt") && !e.message_en.contains("browser"), "{}", e.message_en);
    assert!(e.message_en.contains("1500 MB, limit 1024 MB") && e.message_en.contains("Split the file") && e.message_en.contains("--max-mb"), "{}", e.message_en);
    assert!(e.message.contains("chia nhỏ") && e.message.contains("--max-mb"), "{}", e.message);
}

#[test]
fn max_mb_scales_the_cli_limits_with_the_file_size_limit() {
    let half = Limits::cli_with_max_mb(CLI_MAX_MB / 2);
    let full = Limits::cli();
    assert_eq!(half.max_bytes * 2, full.max_bytes);
    assert_eq!(half.max_cells * 2, full.max_cells);
    assert_eq!(half.max_unzipped_bytes * 2, full.max_unzipped_bytes);
    assert_eq!(half.max_cell_chars, full.max_cell_chars);
    assert_eq!(Limits::cli_with_max_mb(1).max_bytes as u64, MB);
}

/// `Session::open` makes the same check under the limits it is given, with
/// the message of their host.
#[test]
fn session_open_refuses_by_the_hosts_limit_with_the_hosts_message() {
    let mut csv = String::from("Thôn;Số hộ\n");
    while csv.len() <= (3 * MB / 2) as usize {
        csv.push_str("Thôn Nậm Tang;120\n");
    }
    let small_browser = Limits { max_bytes: MB as usize, ..Limits::default() };
    let opts = |limits| {
        let mut o = SessionOptions::default();
        o.open.limits = limits;
        o
    };
    let no = thonso_core::ingest::NoProgress;
    let e = Session::open(csv.as_bytes(), "big.csv", opts(small_browser), &no).err().expect("over 1 MB");
    assert_eq!((e.code, e.file.as_deref()), ("file_too_large", Some("big.csv")));
    assert!(e.message_en.contains("command-line tool"), "{}", e.message_en);
    let e = Session::open(csv.as_bytes(), "big.csv", opts(Limits::cli_with_max_mb(1)), &no).err().expect("over 1 MB");
    assert!(e.message_en.contains("--max-mb") && !e.message_en.contains("browser"), "{}", e.message_en);
    Session::open(csv.as_bytes(), "big.csv", opts(Limits::cli_with_max_mb(2)), &no).expect("within 2 MB");
}
