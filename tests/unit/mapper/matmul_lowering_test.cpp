// Matmul lowering: A[m,k] B[k,n] maps its rows m to output columns Q (P = 1), where the dataflow
// templates walk a row, so row-stationary uses the array as it does for the same product written
// as a 1-D convolution; the workload statistics and tensor shapes do not change. The reachable
// utilization of a template (the most MACs any mapping of its space can use) is derived by hand.
#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/network.hpp"
#include "arch/workload_stats.hpp"
#include "mapper/mapspace.hpp"
#include "mapper/search.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arch::Dim;
using arraysim::testing::source_path;

arch::Architecture load_arch(const std::string& name) {
  return arch::load_architecture(source_path("arch/examples/" + name + ".json"));
}

arch::Dataflow load_flow(const std::string& name) {
  return arch::load_dataflow(source_path("dataflows/" + name + ".json"));
}

}  // namespace

TEST_CASE("A matmul's rows become output columns and its statistics stay", "[arch]") {
  const arch::Network bert = arch::load_workload(source_path("workloads/bert_base_encoder.json"));
  const arch::Layer& q = *bert.find("q_proj");  // m 128, k 768, n 768
  CHECK(q.dim(Dim::P) == 1);
  CHECK(q.dim(Dim::Q) == 128);
  CHECK(q.dim(Dim::M) == 768);
  CHECK(q.dim(Dim::C) == 768);
  CHECK(q.dim(Dim::R) == 1);
  CHECK(q.dim(Dim::S) == 1);
  CHECK(q.macs() == 128ULL * 768 * 768);
  CHECK(q.dataspace_words(arch::DataSpace::Weights) == 768ULL * 768);
  CHECK(q.dataspace_words(arch::DataSpace::Inputs) == 128ULL * 768);
  CHECK(q.dataspace_words(arch::DataSpace::Outputs) == 128ULL * 768);
  // Tensors keep the rows in h: [batch, features, rows, 1].
  CHECK(q.input_shape() == arch::TensorShape{1, 768, 128, 1});
  CHECK(q.output_shape() == arch::TensorShape{1, 768, 128, 1});
  const arch::WorkloadStats stats = arch::workload_stats(bert);
  for (const auto& row : stats.layers) {
    if (row.name != "ffn1") continue;
    CHECK(row.macs == 128ULL * 768 * 3072);
    CHECK(row.weights == 768ULL * 3072);
    CHECK(row.inputs == 128ULL * 768);
    CHECK(row.outputs == 128ULL * 3072);
  }
}

TEST_CASE("Every template can use at least half the array on the BERT projections", "[mapper]") {
  const arch::Network bert = arch::load_workload(source_path("workloads/bert_base_encoder.json"));
  for (const char* name : {"eyeriss_v1", "eyeriss_256", "simple_ws"}) {
    const arch::Architecture a = load_arch(name);
    for (const char* flow_name : {"ws", "os", "is", "rs", "nlr"}) {
      const arch::Dataflow flow = load_flow(flow_name);
      for (const char* layer : {"q_proj", "attn_out_proj", "ffn1", "ffn2"}) {
        INFO(name << " " << flow_name << " " << layer);
        const mapper::Mapspace space(a, *bert.find(layer), flow);
        CHECK(2 * space.max_utilized_macs() >= a.compute.instances);
      }
    }
  }
  // By hand, on eyeriss_v1's 14 x 12 array (X = 14 columns, Y = 12 rows), q_proj (M = C = 768 =
  // 2^8 3, Q = 128): rs unrolls P, M on X (768's largest divisor within 14 is 12) and R, C, M on
  // Y (12): 144; is unrolls Q, P on X (128: 8) and C on Y (12): 96.
  const arch::Architecture eyeriss = load_arch("eyeriss_v1");
  CHECK(mapper::Mapspace(eyeriss, *bert.find("q_proj"), load_flow("rs")).max_utilized_macs() ==
        144);
  CHECK(mapper::Mapspace(eyeriss, *bert.find("q_proj"), load_flow("is")).max_utilized_macs() == 96);
}

TEST_CASE("Row stationary's fastest q projection uses the array like the conv form", "[mapper]") {
  // With the rows lowered to P, the array level could not complete Q over the rows, and the
  // fastest rs mapping of q_proj on eyeriss_v1 used 64 of 168 PEs; written as a conv with P = 1,
  // Q = 128 it uses 144 (the hand-derived maximum above).
  const arch::Architecture eyeriss = load_arch("eyeriss_v1");
  const arch::Network bert = arch::load_workload(source_path("workloads/bert_base_encoder.json"));
  const arch::Dataflow rs = load_flow("rs");
  const mapper::Mapspace space(eyeriss, *bert.find("q_proj"), rs);
  mapper::SearchOptions options;
  options.objective = mapper::Objective::parse("delay");
  options.threads = 2;
  const mapper::SearchResult result =
      mapper::run_search("exhaustive", space, arraysim::energy::resolve_energy(eyeriss), options);
  REQUIRE(result.found);
  CHECK(result.counts.utilized_macs == 144);
}

TEST_CASE("The reachable utilization names a template that cannot fill the array", "[mapper]") {
  // AlexNet CONV1 under ws on simple_ws (16 x 16): C = 3 input channels on the rows, M = 96 on
  // the columns (16 divides 96): 48 of 256 MACs. The same layer under os unrolls P/Q and M.
  const arch::Architecture a = load_arch("simple_ws");
  const arch::Layer conv1 =
      arch::load_workload(source_path("workloads/alexnet_conv1.json")).layers.front();
  CHECK(mapper::Mapspace(a, conv1, load_flow("ws")).max_utilized_macs() == 48);
  CHECK(2 * mapper::Mapspace(a, conv1, load_flow("os")).max_utilized_macs() >= 256);
}
