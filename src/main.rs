fn main() {
    std::process::exit(supportgrade::cli::run());
}
