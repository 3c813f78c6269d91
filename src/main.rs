fn main() {
    println!("apy: under construction");
}
