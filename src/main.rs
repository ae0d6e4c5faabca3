//! The `claimdiff` command. Argument parsing and dispatch live in the library (`claimdiff::cli`)
//! so that every command is testable; this only hands over the exit code.

fn main() {
    std::process::exit(claimdiff::cli::main());
}
