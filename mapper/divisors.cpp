#include "mapper/divisors.hpp"

#include <algorithm>
#include <numeric>

namespace arraysim::mapper {

namespace {

__extension__ typedef unsigned __int128 u128;  // NOLINT(modernize-use-using)

std::uint64_t mul_mod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  if (m == 0) return 0;  // not reached: every modulus here is a number being factored (> 1)
  return static_cast<std::uint64_t>(static_cast<u128>(a) * b % m);
}

std::uint64_t pow_mod(std::uint64_t base, std::uint64_t exp, std::uint64_t m) {
  std::uint64_t result = 1 % m;
  base %= m;
  while (exp > 0) {
    if ((exp & 1U) != 0) result = mul_mod(result, base, m);
    base = mul_mod(base, base, m);
    exp >>= 1U;
  }
  return result;
}

// Deterministic for every 64-bit n with the first twelve primes as bases.
bool is_prime(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t p : {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
    if (n % p == 0) return n == p;
  }
  std::uint64_t d = n - 1;
  int s = 0;
  while ((d & 1U) == 0) {
    d >>= 1U;
    ++s;
  }
  for (std::uint64_t a : {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
    std::uint64_t x = pow_mod(a, d, n);
    if (x == 1 || x == n - 1) continue;
    bool composite = true;
    for (int r = 1; r < s && composite; ++r) {
      x = mul_mod(x, x, n);
      if (x == n - 1) composite = false;
    }
    if (composite) return false;
  }
  return true;
}

// A non-trivial factor of an odd composite n (Pollard's rho, Brent's cycle finding).
std::uint64_t rho_factor(std::uint64_t n) {
  if (n % 2 == 0) return 2;  // callers pass odd numbers; this also keeps n != 0 below
  for (std::uint64_t c = 1;; ++c) {
    auto f = [n, c](std::uint64_t x) { return (mul_mod(x, x, n) + c) % n; };
    std::uint64_t x = 2;
    std::uint64_t y = 2;
    std::uint64_t d = 1;
    std::uint64_t power = 1;
    std::uint64_t lam = 0;
    while (d == 1) {
      if (power == lam) {
        x = y;
        power *= 2;
        lam = 0;
      }
      y = f(y);
      ++lam;
      d = std::gcd(x > y ? x - y : y - x, n);
    }
    if (d != n) return d;
  }
}

void collect_primes(std::uint64_t n, std::vector<std::uint64_t>& out) {
  if (n == 1) return;
  if (is_prime(n)) {
    out.push_back(n);
    return;
  }
  const std::uint64_t d = rho_factor(n);
  collect_primes(d, out);
  collect_primes(n / d, out);
}

}  // namespace

std::vector<PrimePower> prime_factorization(std::uint64_t n) {
  std::vector<std::uint64_t> primes;
  for (std::uint64_t p = 2; p < 64 && n > 1; ++p) {
    while (n % p == 0) {
      primes.push_back(p);
      n /= p;
    }
  }
  collect_primes(n, primes);
  std::sort(primes.begin(), primes.end());
  std::vector<PrimePower> out;
  for (std::uint64_t p : primes) {
    if (out.empty() || out.back().prime != p) out.push_back({p, 0});
    ++out.back().exponent;
  }
  return out;
}

DivisorLattice::DivisorLattice(std::uint64_t n) : n_(n) {
  std::size_t size = 1;
  for (const PrimePower& pp : prime_factorization(n)) {
    primes_.push_back(pp.prime);
    radix_.push_back(static_cast<std::size_t>(pp.exponent) + 1);
    strides_.push_back(size);
    size *= radix_.back();
  }
  values_.assign(size, 1);
  for (std::size_t i = 0; i < size; ++i) {
    for (std::size_t p = 0; p < primes_.size(); ++p) {
      for (int e = digit(i, p); e > 0; --e) values_[i] *= primes_[p];
    }
  }
  ascending_.resize(size);
  std::iota(ascending_.begin(), ascending_.end(), std::size_t{0});
  std::sort(ascending_.begin(), ascending_.end(),
            [this](std::size_t a, std::size_t b) { return values_[a] < values_[b]; });
}

bool DivisorLattice::divides(std::size_t q, std::size_t d) const {
  for (std::size_t p = 0; p < primes_.size(); ++p) {
    if (digit(q, p) > digit(d, p)) return false;
  }
  return true;
}

std::size_t DivisorLattice::index_of(std::uint64_t value) const {
  if (value == 0 || n_ % value != 0) return size();
  std::size_t index = 0;
  for (std::size_t p = 0; p < primes_.size(); ++p) {
    while (value % primes_[p] == 0) {
      value /= primes_[p];
      index += strides_[p];
    }
  }
  return index;
}

}  // namespace arraysim::mapper
