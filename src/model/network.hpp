#pragma once
// Plain value types for the corridor network: nodes, links, the network itself.
// No Boost, no JSON, no CLI here (see docs/architecture.md).

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/delay.hpp"
#include "model/distribution.hpp"
#include "model/enum_table.hpp"
#include "model/out_of_line.hpp"
#include "model/packed_optional.hpp"

namespace corridor {

/// Dense index of a node in Network::nodes.
using NodeIndex = std::uint32_t;
/// Dense index of a link in Network::links.
using LinkIndex = std::uint32_t;

/// Tonnes per year. Capacities are whole tonnes; "unlimited" is std::nullopt.
using TonnesPerYear = std::int64_t;

enum class NodeKind : std::uint8_t { RailTerminal, SeaPort, DryPort, BorderCrossing, GaugeChange, Junction };
enum class Mode : std::uint8_t { Rail, Ferry, Road, Sea };
/// Planned and closed elements stay in the network (maps, scenarios) but carry no traffic.
enum class Status : std::uint8_t { Open, Planned, Closed };

inline constexpr std::size_t kModeCount = 4;

inline constexpr EnumName<NodeKind> kNodeKindNames[] = {
    {NodeKind::RailTerminal, "rail_terminal"}, {NodeKind::SeaPort, "sea_port"},
    {NodeKind::DryPort, "dry_port"},           {NodeKind::BorderCrossing, "border_crossing"},
    {NodeKind::GaugeChange, "gauge_change"},   {NodeKind::Junction, "junction"},
};
static_assert(enum_table_valid(kNodeKindNames));
constexpr const auto& enum_table(NodeKind) { return kNodeKindNames; }

inline constexpr EnumName<Mode> kModeNames[] = {
    {Mode::Rail, "rail"}, {Mode::Ferry, "ferry"}, {Mode::Road, "road"}, {Mode::Sea, "sea"}};
static_assert(enum_table_valid(kModeNames) && std::size(kModeNames) == kModeCount);
constexpr const auto& enum_table(Mode) { return kModeNames; }

inline constexpr EnumName<Status> kStatusNames[] = {
    {Status::Open, "open"}, {Status::Planned, "planned"}, {Status::Closed, "closed"}};
static_assert(enum_table_valid(kStatusNames));
constexpr const auto& enum_table(Status) { return kStatusNames; }

/// Corridor tags a link may carry; "shared" links belong to every corridor.
inline constexpr std::string_view kCorridorTags[] = {"middle", "northern", "southern", "sea", "zangezur", "shared"};
bool is_corridor_tag(std::string_view text);
std::string corridor_tag_names();

/// True when routes may change mode at a node of this kind by default.
bool kind_allows_transfer(NodeKind kind);

/// A capacity shared by several links and nodes (a ferry fleet, a terminal serving several
/// lines): each tonne carried by an element that `uses` it consumes `factor` units of
/// `capacity` (docs/network-format.md, docs/capacity.md).
struct Resource {
  std::string id;    ///< like a node id: upper-case letters, digits, '_'
  std::string name;  ///< plain words for reports ("the ASCO rail-ferry fleet")
  double capacity = 0.0;  ///< units per year
  std::string unit;       ///< e.g. "t/yr", "vessel-hours/yr"
  /// Capacity units per year taken by other cargo before corridor transit (one unit per
  /// tonne: give it in tonnes when the unit is tonnes).
  double background_tpy = 0.0;
  std::vector<std::string> sources;
  std::string estimate;
  std::string note;
};

/// One element's draw on a resource: capacity units consumed per tonne carried.
struct ResourceUse {
  std::string resource;  ///< Resource::id
  double factor = 1.0;
  // Spelled out, not defaulted: the LEMON peer (tests/benchmarks) includes this header as C++17.
  friend bool operator==(const ResourceUse& a, const ResourceUse& b) {
    return a.resource == b.resource && a.factor == b.factor;
  }
};

/// A node or link keeps its documentation and rarely given lists (notes, sources, aliases, uses,
/// waypoints) out of line: on a large generated network most are empty and cost 8 bytes each.
struct Node {
  std::string id;       ///< stable external key, e.g. "AKTAU"
  std::string name;
  std::string country;  ///< ISO 3166-1 alpha-2
  NodeKind kind = NodeKind::Junction;
  Status status = Status::Open;
  bool allows_transfer = false;  ///< mode changes are only possible where true
  PackedOptional<int> gauge_mm;  ///< track gauge; beside the flags, where it fills their padding
  double lat = 0.0;
  double lon = 0.0;
  double dwell_hours = 0.0;     ///< spent when a route passes through (not at origin/destination)
  double transfer_hours = 0.0;  ///< added when a route changes mode here
  PackedOptional<TonnesPerYear> capacity_tpy;  ///< throughput limit; nullopt = unlimited
  /// Tonnes per year of other cargo through here, taken before corridor transit.
  TonnesPerYear background_tpy = 0;
  OutOfLineList<ResourceUse> uses;     ///< shared resources drawn on per tonne passing through
  OutOfLineString capacity_note;       ///< why no capacity can bind here (when capacity_tpy is absent)
  OutOfLineList<std::string> aliases;  ///< other names the node is known by ("Alat")
  PackedOptional<double> handling_usd_per_t;
  OutOfLineList<std::string> sources;  ///< source keys such as "S64"
  OutOfLineString estimate;            ///< how estimated figures were derived, empty if none
  OutOfLineString note;
  /// Optional randomness (docs/reliability.md); when set, dwell_hours / transfer_hours are its mean.
  /// Kept out of line: most nodes have none, and an absent one then costs a pointer.
  OutOfLine<Distribution> dwell_distribution;
  OutOfLine<Distribution> transfer_distribution;
  /// Optional load-dependent delay on the dwell (docs/model.md, "Congestion"); none = the
  /// default for its kind when it has a capacity.
  OutOfLine<DelayFunction> delay;

  bool is_open() const { return status == Status::Open; }
};

/// A point on the globe, degrees.
struct GeoPoint {
  double lat = 0.0;
  double lon = 0.0;
};

struct Link {
  std::string id;  ///< unique; defaults to "FROM-TO"
  NodeIndex from = 0;
  NodeIndex to = 0;
  Mode mode = Mode::Rail;
  Status status = Status::Open;
  bool bidirectional = true;
  PackedOptional<int> gauge_mm;  ///< track gauge; beside the flags, where it fills their padding
  double distance_km = 0.0;
  double hours = 0.0;  ///< in-motion transit time
  PackedOptional<TonnesPerYear> capacity_tpy;  ///< per direction; nullopt = unlimited
  PackedOptional<double> departures_per_week;  ///< adds an expected wait of half the headway
  /// Ferry/sea: tonnes one sailing carries; with departures_per_week gives the capacity when
  /// capacity_tpy is absent (capacity_or_sailings_tpy()).
  PackedOptional<double> vessel_payload_t;
  /// Tonnes per year (per direction) of other cargo, taken before corridor transit.
  TonnesPerYear background_tpy = 0;
  OutOfLineList<ResourceUse> uses;  ///< shared resources drawn on per tonne carried
  OutOfLineString capacity_note;    ///< why no capacity can bind here (when capacity_tpy is absent)
  OutOfLineList<std::string> corridors;  ///< tags from kCorridorTags
  OutOfLineList<std::string> transit_countries;  ///< ISO alpha-2 codes crossed between its end nodes
  /// The course between the ends, for maps and GeoJSON (a sea lane through its straits);
  /// distance_km is the length, these points only draw it. Empty = a straight line.
  OutOfLineList<GeoPoint> waypoints;
  PackedOptional<double> cost_usd_per_t;
  PackedOptional<double> cost_usd_per_teu;  ///< converted with Network::tonnes_per_teu
  PackedOptional<double> co2_g_per_tkm;
  OutOfLineList<std::string> sources;
  OutOfLineString estimate;
  OutOfLineString note;
  /// Water crossed by a ferry or sea link (e.g. "Caspian"); cut links that share it are
  /// reported together as one crossing. Empty = none.
  OutOfLineString crossing;
  /// Optional random wait for a departure (replaces the headway wait; docs/reliability.md).
  OutOfLine<Distribution> wait_distribution;  ///< out of line, like Node's distributions
  /// Optional weekly timetable (both directions of a bidirectional link); see docs/reliability.md.
  OutOfLine<WeeklySchedule> schedule;
  /// Optional load-dependent delay on top of `hours` (docs/model.md, "Congestion").
  OutOfLine<DelayFunction> delay;

  bool is_open() const { return status == Status::Open; }
  /// Expected wait before departure in hours: the mean of wait_distribution if given, else the
  /// timetable's expected wait for a random arrival, else 84 / departures_per_week (half the
  /// headway), else 0.
  double expected_wait_hours() const;
  bool in_corridor(std::string_view tag) const;
  /// capacity_tpy when given; else, for a link with vessel_payload_t and departures_per_week,
  /// payload x departures per week x 52 weeks (per direction, docs/network-format.md); else
  /// nullopt (unlimited).
  std::optional<TonnesPerYear> capacity_or_sailings_tpy() const;
};

/// Capacity left for corridor transit: capacity minus background, at least 0; nullopt = unlimited.
std::optional<TonnesPerYear> available_tpy(std::optional<TonnesPerYear> capacity, TonnesPerYear background_tpy);

/// A validated network. Indices in links refer to nodes; ids are unique.
class Network {
 public:
  std::string name;
  std::string description;
  std::optional<double> tonnes_per_teu;
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Resource> resources;  ///< shared capacities (few: found by a linear search)

  /// Rebuilds the id -> index maps; call after adding or renaming elements. Returns false when
  /// two nodes or two links share an id (the first of them is indexed).
  bool reindex();
  /// Appends an element and indexes its id (no reindex() needed). Like map emplace: returns
  /// the index of the element with that id and whether it was added; when the id is already
  /// taken nothing is added and the index is the existing element's.
  std::pair<NodeIndex, bool> add_node(Node node);
  std::pair<LinkIndex, bool> add_link(Link link);
  std::optional<NodeIndex> find_node(std::string_view id) const;
  std::optional<LinkIndex> find_link(std::string_view id) const;
  std::optional<std::size_t> find_resource(std::string_view id) const;
  /// Whether a link carries traffic: it and both its end nodes are open.
  bool link_usable(LinkIndex link) const;

 private:
  /// Element ids to indices: open addressing with linear probing, each slot (a 32-bit hash of
  /// the id, index + 1) and 0 when empty, compared against the elements' own ids rather than
  /// copies, at most 3/4 full. On a generated 200,000-node network: 8 MB instead of the 31 MB of
  /// an unordered_map<string, index>, and no allocation per element.
  class IdIndex {
   public:
    void clear() { slots_.clear(), size_ = 0; }
    void reserve(std::size_t count) {
      if (count * 4 > slots_.size() * 3) grow(count * 4 / 3 + 1);
    }
    /// Indexes `index` under `id` unless an element `id_of(i) == id` is indexed; returns the
    /// index under `id` and whether it was added.
    template <typename IdOf>
    std::pair<std::uint32_t, bool> insert(std::string_view id, std::uint32_t index, const IdOf& id_of) {
      if ((size_ + 1) * 4 > slots_.size() * 3) grow(std::max<std::size_t>(16, slots_.size() * 2));
      const std::uint32_t hash = hash_of(id);
      for (std::size_t at = hash & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
        const std::uint64_t slot = slots_[at];
        if (slot == 0) {
          slots_[at] = std::uint64_t{hash} << 32 | (std::uint64_t{index} + 1);
          ++size_;
          return {index, true};
        }
        const auto found = static_cast<std::uint32_t>(slot) - 1;
        if (slot >> 32 == hash && id_of(found) == id) return {found, false};
      }
    }
    template <typename IdOf>
    std::optional<std::uint32_t> find(std::string_view id, const IdOf& id_of) const {
      if (slots_.empty()) return std::nullopt;
      const std::uint32_t hash = hash_of(id);
      for (std::size_t at = hash & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
        const std::uint64_t slot = slots_[at];
        if (slot == 0) return std::nullopt;
        const auto found = static_cast<std::uint32_t>(slot) - 1;
        if (slot >> 32 == hash && id_of(found) == id) return found;
      }
    }

   private:
    static std::uint32_t hash_of(std::string_view id) noexcept {
      const std::size_t h = std::hash<std::string_view>{}(id);
      return static_cast<std::uint32_t>(h ^ (h >> 32));
    }
    /// Rehashes into at least `wanted` slots (a power of two), from the kept hashes.
    void grow(std::size_t wanted) {
      std::size_t count = 16;
      while (count < wanted) count *= 2;
      std::vector<std::uint64_t> old(count, 0);
      old.swap(slots_);
      for (const std::uint64_t slot : old) {
        if (slot == 0) continue;
        std::size_t at = (slot >> 32) & (count - 1);
        while (slots_[at] != 0) at = (at + 1) & (count - 1);
        slots_[at] = slot;
      }
    }
    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
  };
  IdIndex node_index_;
  IdIndex link_index_;
};

}  // namespace corridor
