//! The `apy` command line. Only argument handling lives here; the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "apy", version, about = "An interpreter for a Python 3.11 subset built around async/await")]
struct Cli {
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Always,
    Never,
    /// When stderr is a terminal and NO_COLOR is not set.
    Auto,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and check files without running them; exit 1 if any has an error.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Check { files } => {
            let status = apy::check::check_files(&files, color, &mut std::io::stderr().lock());
            ExitCode::from(status as u8)
        }
    }
}
