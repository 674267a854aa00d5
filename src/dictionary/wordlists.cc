#include "dictionary/wordlists.h"

#include <algorithm>
#include <array>

namespace entgraph::words {
namespace {

// Each list is one space-separated string, split once into a sorted array of views.
template <size_t N>
struct WordSet {
  explicit WordSet(std::string_view text) {
    size_t n = 0;
    for (size_t start = 0; start < text.size() && n < N;) {
      size_t end = text.find(' ', start);
      if (end == std::string_view::npos) end = text.size();
      if (end > start) words[n++] = text.substr(start, end - start);
      start = end + 1;
    }
    size = n;
    std::sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(size));
  }
  bool Has(std::string_view w) const {
    return std::binary_search(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(size), w);
  }
  std::array<std::string_view, N> words{};
  size_t size = 0;
};

constexpr std::string_view kCommon =
    "a about above after again against all also am an and any app are as at back be because been before being "
    "below between both but by can could day did do does doing down during each even few first for from further "
    "get go good had has have having he her here hers herself him himself his how however i if in into is it its "
    "itself just last like long made make man many may me more most much must my myself new next no nor not now "
    "of off old on once one only or other our ours ourselves out over own part people said same say says see she "
    "should since so some still such take than that the their theirs them themselves then there these they this "
    "those through time to too two under until up us use very was way we well were what when where which while "
    "who whom why will with work would year years you your yours yourself yourselves also already among around "
    "because while within without another become became best better big case change come company country end "
    "every fact family government great group hand help high home house important issue keep know large later "
    "life little look man number office order place point power problem program public right room school "
    "service small state system thing think three today week world yes dawn mark rose will bill grant "
    "may june august art bank bush cook ford hope joy king law lee long miles moore park price rich sun "
    "white young it us who sale follow share comment comments updated reply leave post journalist";

constexpr std::string_view kParticles =
    "of and the for de del della der di da das dos du e el al bin ibn bint van von y la le ul ud un-";

constexpr std::string_view kTitles =
    "minister president ambassador dr gen general secretary mr mrs ms prof professor col colonel chief director "
    "chairman chairwoman chairperson governor senator spokesman spokeswoman spokesperson deputy prime premier "
    "sapm envoy king queen prince sheikh lt lieutenant maj major capt captain adm admiral brig brigadier sgt "
    "judge justice mayor commissioner analyst researcher editor correspondent ceo cfo founder head leader "
    "assistant advisor adviser representative counsellor counselor officer official sir lord lady "
    "dame mp information foreign finance interior defence defense federal affairs";

constexpr std::string_view kCalendar =
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed "
    "thu thur thurs fri sat sun";

constexpr std::string_view kPlaces =
    "afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain "
    "bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria "
    "burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia "
    "denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia "
    "georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia "
    "iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait "
    "kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi "
    "malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro "
    "morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan "
    "palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa "
    "senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland "
    "syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkiye turkmenistan tuvalu uganda "
    "ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe america britain england "
    "scotland wales europe asia africa siberia "
    "afghan american arab british chinese european french german indian iranian israeli japanese pakistani "
    "russian saudi soviet turkish ukrainian uzbek kazakh western eastern northern southern asian african "
    "islamabad karachi lahore moscow beijing washington delhi kabul tehran london paris dubai "
    "ussr us uk uae eu russians americans pakistanis afghans indians chinese iranians europeans arabs "
    "sea ocean gulf east west north south central middle emirates kingdom republic states";

constexpr std::string_view kGivenNames =
    "muhammad mohammad mohammed ahmed ahmad ali hassan hussain imran asif abdul abdullah omar umar usman "
    "khalid tariq syed shahid zahid nawaz shehbaz bilal hamid faisal farooq rashid javed "
    "aisha fatima maryam ayesha sana hina "
    "vladimir sergey sergei alexei alexey alexander dmitry dmitri maria olga ivan nikolai mikhail andrei "
    "yuri igor anna elena natalia tatiana "
    "john james robert michael william david richard joseph thomas charles mary patricia jennifer linda "
    "elizabeth barbara susan jessica sarah karen emma olivia peter paul mark george donald joe kamala "
    "narendra rahul amit priya raj sanjay "
    "xi li wang zhang liu chen recep emmanuel angela olaf";

constexpr std::string_view kOrganizationWords =
    "ministry corporation corp llc ltd inc plc bank agency group authority commission department institute "
    "council fund company co association university party news times post tribune airlines airline railways "
    "embassy office forum federation union committee board services press mills industries foundation "
    "organization organisation bureau directorate court parliament assembly senate army navy force forces "
    "police media network channel exchange holdings partners enterprises trust society center centre "
    "college school academy league alliance movement front taliban division unit";

constexpr std::string_view kThingWords =
    "agreement accord treaty war assessment understanding deal memorandum memoranda summit conference "
    "cooperation partnership plan strategy vision policy act law bill transfer ties article again read url";

constexpr std::string_view kCommonAcronyms =
    "lng lpg cng mw kw gw mwh kwh ai gdp ceo cfo cto km kg usd eur pdf faq tv ppp spv bot eia mou mous eaf bof bf "
    "it ict ok am pm ad bc id pr hr qa ngo ngos sme smes covid hiv aids dna rna fyi etc utc gmt bpd";

constexpr std::string_view kProjectWords =
    "pipeline corridor railway rail line project plant station dam port highway motorway road bridge tunnel "
    "terminal refinery programme program initiative scheme canal airport metro mine grid link";

}  // namespace

bool IsCommon(std::string_view w) {
  static const WordSet<512> set(kCommon);
  return set.Has(w);
}
bool IsParticle(std::string_view w) {
  static const WordSet<64> set(kParticles);
  return set.Has(w);
}
bool IsTitle(std::string_view w) {
  static const WordSet<160> set(kTitles);
  return set.Has(w);
}
bool IsCalendar(std::string_view w) {
  static const WordSet<64> set(kCalendar);
  return set.Has(w);
}
bool IsPlaceWord(std::string_view w) {
  static const WordSet<320> set(kPlaces);
  return set.Has(w);
}
bool IsGivenName(std::string_view w) {
  static const WordSet<160> set(kGivenNames);
  return set.Has(w);
}
bool IsOrganizationWord(std::string_view w) {
  static const WordSet<128> set(kOrganizationWords);
  return set.Has(w);
}
bool IsThingWord(std::string_view w) {
  static const WordSet<64> set(kThingWords);
  return set.Has(w);
}
bool IsCommonAcronym(std::string_view w) {
  static const WordSet<96> set(kCommonAcronyms);
  return set.Has(w);
}
bool IsProjectWord(std::string_view w) {
  static const WordSet<64> set(kProjectWords);
  return set.Has(w);
}

}  // namespace entgraph::words
