// Prime factorization of a positive 64-bit integer (Miller-Rabin and Pollard's rho, so a prime
// near 2^63 takes microseconds) and the lattice of its divisors, indexed by exponent vectors:
// the arithmetic under the mapspace's factorization counts.
#pragma once

#include <cstdint>
#include <vector>

namespace arraysim::mapper {

struct PrimePower {
  std::uint64_t prime = 0;
  int exponent = 0;
};

// Primes in increasing order; empty for 1. n must be positive.
std::vector<PrimePower> prime_factorization(std::uint64_t n);

// The divisors of n as a mixed-radix lattice: index = sum of exponent_i * stride_i. Index 0 is 1,
// index size()-1 is n. q divides d exactly when every digit of q is at most d's.
class DivisorLattice {
 public:
  explicit DivisorLattice(std::uint64_t n);

  std::uint64_t n() const { return n_; }
  std::size_t size() const { return values_.size(); }
  std::size_t num_primes() const { return primes_.size(); }
  std::uint64_t value(std::size_t index) const { return values_[index]; }
  int digit(std::size_t index, std::size_t prime) const {
    return static_cast<int>((index / strides_[prime]) % radix_[prime]);
  }
  std::size_t stride(std::size_t prime) const { return strides_[prime]; }
  std::size_t radix(std::size_t prime) const { return radix_[prime]; }
  bool divides(std::size_t q, std::size_t d) const;
  // d / q, for q dividing d.
  std::size_t quotient(std::size_t d, std::size_t q) const { return d - q; }
  // The index of a value, or size() when it does not divide n.
  std::size_t index_of(std::uint64_t value) const;
  // Indices of all divisors in increasing order of value.
  const std::vector<std::size_t>& ascending() const { return ascending_; }

 private:
  std::uint64_t n_;
  std::vector<std::uint64_t> primes_;
  std::vector<std::size_t> radix_;    // exponent + 1
  std::vector<std::size_t> strides_;  // product of the radices of the smaller primes
  std::vector<std::uint64_t> values_;
  std::vector<std::size_t> ascending_;
};

}  // namespace arraysim::mapper
