//! One module per command group; each function opens the desk, calls one use case and returns a
//! [`Report`](crate::output::Report).

mod calendar;
mod clinic;
mod consent;
mod init;
mod ledger;
mod patient;
mod print;
mod queue;
mod requests;
mod server;
mod staff;
mod withdrawal;

use crate::args::Command;
use crate::context::Context;
use crate::error::CliError;
use crate::output::Report;

pub fn run(ctx: &Context, command: Command) -> Result<Report, CliError> {
    match command {
        Command::Init(args) => init::run(ctx, &args),
        Command::Patient(cmd) => patient::run(ctx, *cmd),
        Command::Consent(cmd) => consent::run(ctx, cmd),
        Command::Withdrawal(cmd) => withdrawal::run(ctx, cmd),
        Command::Queue => queue::run(ctx),
        Command::Requests(cmd) => requests::run(ctx, cmd),
        Command::Verify => ledger::verify(ctx),
        Command::Rebuild => ledger::rebuild(ctx),
        Command::Backup(args) => ledger::backup(ctx, &args.file),
        Command::Restore(args) => ledger::restore(ctx, &args.file, args.replace),
        Command::Calendar(cmd) => calendar::run(ctx, cmd),
        Command::Staff(cmd) => staff::run(ctx, cmd),
        Command::Clinic(cmd) => clinic::run(ctx, cmd),
        Command::Print(cmd) => print::run(ctx, cmd),
        Command::Server(cmd) => server::run(ctx, cmd),
        Command::Sync => server::sync(ctx),
    }
}
