"""Organisations and locations: head words, levels, places, short forms resolved from the article."""

from __future__ import annotations

import pytest

from vnextract.pipeline.extract import components
from vnextract.pipeline.extract import entities as E
from vnextract.pipeline.extract.article_index import ArticleIndex
from vnextract.pipeline.extract.entities import resolve_organization
from vnextract.pipeline.extract.names import tokenize
from vnextract.pipeline.extract.organizations import Parser
from vnextract.pipeline.extract.places import Level, LevelPlace, PlaceName
from vnextract.pipeline.nlp import build_nlp
from vnextract.pipeline.nlp.normalize import normalize_text


@pytest.fixture(scope="module")
def nlp():
    """Sentences and entities only."""
    return build_nlp(components("vnx_sentences", "vnx_entities"))


def entities(nlp, text: str, key: str) -> set[tuple[str, str]]:
    doc = nlp(normalize_text(text))
    return {(s._.entity.name, s._.entity.kind) for s in doc.spans[key]}


ORGS = [
    pytest.param("Huyện ủy Đức Trọng tổ chức hội nghị.", {("Huyện ủy Đức Trọng", "party")}, id="huyen-uy-place"),
    pytest.param("Tại huyện Đức Trọng, Huyện ủy tổ chức hội nghị.", {("Huyện ủy Đức Trọng", "party")},
                 id="huyen-uy-short-resolved"),
    pytest.param("Huyện ủy Đức Trọng họp; UBND huyện báo cáo.",
                 {("Huyện ủy Đức Trọng", "party"), ("UBND huyện Đức Trọng", "government")}, id="ubnd-short-resolved"),
    pytest.param("Huyện ủy Đức Trọng họp; UBND huyện Đức trọng báo cáo.",
                 {("Huyện ủy Đức Trọng", "party"), ("UBND huyện Đức Trọng", "government")}, id="case-typo-resolved"),
    pytest.param("Ủy ban nhân dân tỉnh Lâm Đồng ban hành kế hoạch.", {("Ủy ban nhân dân tỉnh Lâm Đồng", "government")},
                 id="long-form-kept-as-written"),
    pytest.param("HĐND tỉnh Quảng Ngãi khai mạc kỳ họp.", {("HĐND tỉnh Quảng Ngãi", "legislature")}, id="hdnd"),
    pytest.param("Các cuộc vận động do MTTQ Việt Nam các cấp phát động.", {("MTTQ Việt Nam", "mass")}, id="mttq"),
    pytest.param("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị phát động.", {("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị", "mass")},
                 id="uy-ban-mttq"),
    pytest.param("Bộ Y tế và Bộ Tài chính họp với Bộ Công an.",
                 {("Bộ Y tế", "ministry"), ("Bộ Tài chính", "ministry"), ("Bộ Công an", "ministry")}, id="ministries"),
    pytest.param("Bộ Nông nghiệp và Môi trường công bố.", {("Bộ Nông nghiệp và Môi trường", "ministry")},
                 id="ministry-with-va"),
    pytest.param("Chỉ thị số 05-CT/TW của Bộ Chính trị.", {("Bộ Chính trị", "party")}, id="bo-chinh-tri"),
    pytest.param("Tỉnh Thanh Hóa: Ban Tuyên giáo Tỉnh ủy tổ chức hội thảo.",
                 {("Ban Tuyên giáo Tỉnh ủy Thanh Hóa", "department")}, id="ban-of-tinh-uy"),
    pytest.param("Sở Y tế tỉnh Đắk Lắk họp. Sở Y tế đề nghị các huyện vào cuộc.",
                 {("Sở Y tế tỉnh Đắk Lắk", "department")}, id="so-completed-from-full-form"),
    pytest.param("Tại tỉnh Bến Tre, Sở Y tế triển khai tiêm vắc xin.", {("Sở Y tế tỉnh Bến Tre", "department")},
                 id="so-belongs-to-the-province"),
    pytest.param("Công an tỉnh Bình Dương sơ kết; Phòng CSGT Công an tỉnh Lâm Đồng điều tra.",
                 {("Công an tỉnh Bình Dương", "police"), ("Phòng CSGT Công an tỉnh Lâm Đồng", "police")}, id="police"),
    pytest.param("TAND tỉnh Lâm Đồng xét xử; Viện KSND tỉnh Lâm Đồng giữ quyền công tố.",
                 {("TAND tỉnh Lâm Đồng", "court"), ("Viện KSND tỉnh Lâm Đồng", "procuracy")}, id="court-procuracy"),
    pytest.param("Chính phủ trình Quốc hội dự án luật.", {("Chính phủ", "government"), ("Quốc hội", "legislature")},
                 id="government-legislature"),
    pytest.param("Đại hội Đảng XIII, Ban Chấp hành Trung ương họp.", {("Ban Chấp hành Trung ương", "party")}, id="bch-tw"),
    pytest.param("Bệnh nhân được chuyển tới Bệnh viện Bạch Mai.", {("Bệnh viện Bạch Mai", "hospital")}, id="hospital"),
    pytest.param("Học sinh Trường THPT Nguyễn Huệ đạt giải.", {("Trường THPT Nguyễn Huệ", "school")}, id="school"),
    pytest.param("Tập đoàn Điện lực Việt Nam đầu tư dự án.", {("Tập đoàn Điện lực Việt Nam", "company")}, id="company"),
    pytest.param("Liên Hợp Quốc, WHO và NATO ra tuyên bố.",
                 {("Liên Hợp Quốc", "international"), ("WHO", "international"), ("NATO", "international")},
                 id="international"),
    pytest.param("Liên đoàn Bóng đá Việt Nam (VFF) họp. Chủ tịch VFF phát biểu.",
                 {("Liên đoàn Bóng đá Việt Nam", "other")}, id="acronym-alias"),
    pytest.param("Đội tuyển Việt Nam thắng Philippines.", {("Đội tuyển Việt Nam", "other")}, id="sports-team"),
    pytest.param("Tối qua, đội tuyển bóng chuyền nữ Việt Nam thắng Thái Lan.",
                 {("đội tuyển bóng chuyền nữ Việt Nam", "other")}, id="sports-team-sport-and-sex"),
    pytest.param("HLV dẫn dắt đội U23 Việt Nam từ tháng 3.", {("đội U23 Việt Nam", "other")}, id="sports-team-age-group"),
    pytest.param("Đội sẽ tập trung 26 cầu thủ; đội tuyển quốc gia chuẩn bị cho SEA Games.", set(),
                 id="team-word-without-place-is-no-organisation"),
    pytest.param("Phòng Công tác sinh viên, Đại học Huế trao học bổng.",
                 {("Phòng Công tác sinh viên Đại học Huế", "department")}, id="parent-after-comma"),
    pytest.param("Theo Trung tâm Chống độc, Bệnh viện Bạch Mai, trẻ đã ổn. Trung tâm Chống độc tiếp nhận 200 ca.",
                 {("Trung tâm Chống độc Bệnh viện Bạch Mai", "other")}, id="parent-after-comma-then-short-form"),
    pytest.param("Sở Y tế tỉnh Nghệ An, Bệnh viện Bạch Mai và Sở Tài chính tỉnh Nghệ An họp.",
                 {("Sở Y tế tỉnh Nghệ An", "department"), ("Bệnh viện Bạch Mai", "hospital"),
                  ("Sở Tài chính tỉnh Nghệ An", "department")}, id="comma-list-is-not-a-parent"),
    pytest.param("Tại huyện Tây Hòa, Ban Thường vụ Huyện ủy ban hành kế hoạch; Ủy ban Kiểm tra Huyện ủy kiểm tra.",
                 {("Ban Thường vụ Huyện ủy Tây Hòa", "party"), ("Ủy ban Kiểm tra Huyện ủy Tây Hòa", "party")},
                 id="standing-body-of-a-short-party-committee"),
    pytest.param("Tỉnh Quảng Trị: bà Hạnh, Ủy viên Ban Thường vụ Tỉnh ủy, dự lễ.", {("Tỉnh ủy Quảng Trị", "party")},
                 id="ban-thuong-vu-inside-a-role"),
    pytest.param("Ông Vinh, Phó Trưởng ban Thường trực Ban An toàn giao thông tỉnh Quảng Ngãi, trình bày.",
                 {("Ban An toàn giao thông tỉnh Quảng Ngãi", "department")}, id="ban-thuong-truc-inside-a-role"),
    pytest.param("Ban Chấp hành Liên đoàn Bóng đá Việt Nam (VFF) họp. Tổng Thư ký VFF Hoàng Anh Kiệt dự.",
                 {("Ban Chấp hành Liên đoàn Bóng đá Việt Nam", "party"), ("Liên đoàn Bóng đá Việt Nam", "other")},
                 id="acronym-after-a-standing-body-names-the-parent"),
    pytest.param("Công đoàn Đại học Huế trao quà.", {("Công đoàn Đại học Huế", "mass")}, id="trade-union-of-a-body"),
    pytest.param("Theo Tổ chức Khí tượng Thế giới, năm nay nóng nhất.", {("Tổ chức Khí tượng Thế giới", "international")},
                 id="world-body"),
    pytest.param("Liên đoàn Bóng đá châu Á (AFC) họp.", {("Liên đoàn Bóng đá châu Á", "other")}, id="continental-body"),
    pytest.param("Nạn nhân được đưa đến Bệnh viện Đa khoa vùng Tây Nguyên.",
                 {("Bệnh viện Đa khoa vùng Tây Nguyên", "hospital")}, id="regional-hospital"),
    pytest.param("Thượng tá Hải, Trưởng phòng Cảnh sát giao thông Công an tỉnh Tiền Giang, cho biết.",
                 {("Phòng Cảnh sát giao thông Công an tỉnh Tiền Giang", "police")}, id="unit-folded-into-a-role"),
    pytest.param("Tại huyện Hướng Hóa, ông Lả, Trưởng phòng GD-ĐT huyện, cho biết.",
                 {("Phòng GD-ĐT huyện Hướng Hóa", "department")}, id="unit-folded-into-a-role-short-form"),
    pytest.param("Theo bà Hằng, Phó Trưởng phòng CSGT, Công an TP Hà Nội, số vụ giảm.",
                 {("Phòng CSGT Công an TP Hà Nội", "police")}, id="unit-folded-into-a-role-parent-after-comma"),
    pytest.param("Ban Chỉ đạo chiến dịch tiêm vắc xin sởi tỉnh Bến Tre họp.",
                 {("Ban Chỉ đạo chiến dịch tiêm vắc xin sởi tỉnh Bến Tre", "department")}, id="long-lowercase-field"),
]


ORGS += [
    pytest.param("Theo Sở Y tế TP.HCM, số ca tăng. Phó Giám đốc Sở Y tế cho biết.", {("Sở Y tế TP.HCM", "department")},
                 id="abbreviated-city-in-org"),
    pytest.param("Chủ tịch UBND TP Cần Thơ họp. Theo kế hoạch của UBND thành phố, TP Cần Thơ phấn đấu.",
                 {("UBND TP Cần Thơ", "government")}, id="short-form-takes-the-articles-level-spelling"),
    pytest.param("Theo Sở NN&PTNT, toàn tỉnh Sóc Trăng xuống giống.", {("Sở NN&PTNT tỉnh Sóc Trăng", "department")},
                 id="comma-after-a-field-ends-it"),
]


# Lowercase field words carry a name on after its head (org_fields.tsv); a clause word ends it.
ORGS += [
    pytest.param("Theo Cục Quản lý chất lượng, năm nay có 1.247 điểm thi.", {("Cục Quản lý chất lượng", "department")},
                 id="field-words-carry-the-name-on"),
    pytest.param("Trung tâm Thông tin công nghiệp và thương mại cho biết xuất khẩu tăng.",
                 {("Trung tâm Thông tin công nghiệp và thương mại", "other")}, id="field-words-joined-by-va"),
    pytest.param("Trung tâm Thông tin Công nghiệp và Thương mại cho biết xuất khẩu tăng.",
                 {("Trung tâm Thông tin Công nghiệp và Thương mại", "other")}, id="field-words-capitalised"),
    pytest.param("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Quảng Ngãi làm chủ đầu tư.",
                 {("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Quảng Ngãi", "department")},
                 id="field-words-joined-by-cac-up-to-the-place"),
    pytest.param("Công ty cổ phần Câu lạc bộ bóng đá Nam Định thông báo.",
                 {("Công ty cổ phần Câu lạc bộ bóng đá Nam Định", "company")}, id="club-company-name"),
    pytest.param("Công ty TNHH Xuất nhập khẩu Huỳnh Minh Đạt đang tuyển thêm lao động.",
                 {("Công ty TNHH Xuất nhập khẩu Huỳnh Minh Đạt", "company")}, id="capitalised-field-word-in-a-company"),
    pytest.param("Ông dự hội thảo của Hội Tim mạch học Việt Nam.", {("Hội Tim mạch học Việt Nam", "mass")},
                 id="association-with-a-field"),
    pytest.param("Đại diện Hội hữu nghị Indonesia - Việt Nam dự buổi gặp.",
                 {("Hội hữu nghị Indonesia - Việt Nam", "mass")}, id="friendship-association-of-two-countries"),
    pytest.param("Vụ trưởng Vụ ASEAN Bộ Ngoại giao Indonesia phát biểu.",
                 {("Vụ ASEAN Bộ Ngoại giao Indonesia", "department")}, id="department-of-a-ministry"),
    # negatives: the name stops at a verb, a preposition or a number
    pytest.param("Cục Quản lý chất lượng cho biết đã tổ chức thi.", {("Cục Quản lý chất lượng", "department")},
                 id="field-words-stop-at-a-verb"),
    pytest.param("Ban Quản lý dự án đầu tư tại 12 công trình giao thông.", {("Ban Quản lý dự án đầu tư", "department")},
                 id="field-words-stop-at-a-preposition"),
    pytest.param("Bộ Y tế và giáo dục địa phương phối hợp.", {("Bộ Y tế", "ministry")},
                 id="va-right-after-a-capitalised-field-ends-it"),
    pytest.param("Trung tâm Thông tin công nghiệp và các doanh nghiệp họp.",
                 {("Trung tâm Thông tin công nghiệp", "other")}, id="a-join-needs-a-field-word-after-it"),
    pytest.param("Bộ Y tế quản lý chất lượng thuốc.", {("Bộ Y tế", "ministry")},
                 id="verb-like-field-word-after-a-capitalised-field-ends-it"),
    pytest.param("Du khách đến Hội An đông. Hội Gióng được tổ chức.", set(), id="hoi-without-its-scope-is-no-association"),
    pytest.param("Công ty Vinamilk Việt Nam đầu tư xây dựng nhà máy.", {("Công ty Vinamilk Việt Nam", "company")},
                 id="no-field-words-after-a-place"),
]


@pytest.mark.parametrize("text, expected", ORGS)
def test_extract_entities_organizations(nlp, text: str, expected: set) -> None:
    assert entities(nlp, text, "organizations") == expected


LOCS = [
    pytest.param("Đảng bộ huyện Đức Trọng có 63 tổ chức. Đức Trọng đặt ra chỉ tiêu.", {("Đức Trọng", "district")},
                 id="district-and-bare-mention"),
    pytest.param("Người dân xã Hiệp Thạnh, thôn 5 và thị trấn Liên Nghĩa.",
                 {("Hiệp Thạnh", "commune"), ("thôn 5", "village"), ("Liên Nghĩa", "commune")}, id="communes-villages"),
    pytest.param("Hà Nội và Lâm Đồng ký kết hợp tác.", {("Hà Nội", "city"), ("Lâm Đồng", "province")},
                 id="bare-provinces"),
    pytest.param("Hàng xuất sang Mỹ, Nhật Bản và Hàn Quốc tăng.",
                 {("Mỹ", "country"), ("Nhật Bản", "country"), ("Hàn Quốc", "country")}, id="countries"),
    pytest.param("Xuất khẩu sang Hoa Kỳ tăng.", {("Hoa Kỳ", "country")}, id="country-alias-as-written"),
    pytest.param("Mưa lớn ở Tây Nguyên.", {("Tây Nguyên", "region")}, id="region"),
    pytest.param("Đoàn công tác làm việc tại UBND tỉnh Lâm Đồng.", {("Lâm Đồng", "province")}, id="place-inside-org"),
    pytest.param("Anh Nguyễn Văn Đức cho biết. Anh ấy ở Đức.", {("Đức", "country")}, id="risky-country-needs-cue"),
    pytest.param("Ông Nguyễn Thái Bình dự họp.", set(), id="province-inside-a-name"),
    pytest.param("Liên đoàn Bóng đá châu Á (AFC) họp.", set(), id="continent-in-a-body-name-is-its-scope"),
    pytest.param("Nạn nhân được đưa đến Bệnh viện Đa khoa vùng Tây Nguyên.", {("Tây Nguyên", "region")},
                 id="region-with-its-level-word"),
    pytest.param("Sở Y tế TP.HCM cho biết.", {("TP.HCM", "city")}, id="abbreviated-city-with-dot"),
    pytest.param("Giá đất ở TP HCM tăng.", {("TP HCM", "city")}, id="abbreviated-city-with-space"),
    pytest.param("Giá nhà ở TPHCM tăng.", {("TPHCM", "city")}, id="abbreviated-city-one-word"),
    pytest.param("Xe chạy từ TP. Hồ Chí Minh ra Hà Nội.", {("Hồ Chí Minh", "city"), ("Hà Nội", "city")},
                 id="level-and-full-city-name"),
    pytest.param("Ông Sên ở ấp Hòa Lý, xã Hòa Tú 1 thu hoạch lúa.", {("Hòa Lý", "village"), ("Hòa Tú 1", "commune")},
                 id="numbered-commune"),
    pytest.param("Người dân phường Vĩnh Hải 2 dọn rác.", {("Vĩnh Hải 2", "commune")}, id="numbered-ward"),
    pytest.param("Nhà ở phường 3 bị ngập.", {("phường 3", "commune")}, id="ward-that-is-a-number"),
    pytest.param("Xã Hòa Tú 2 lần đạt chuẩn.", {("Hòa Tú", "commune")}, id="number-that-counts-is-not-the-name"),
    pytest.param("Vườn cà phê ở các huyện Đắk Mil, Cư Jút thiếu nước.",
                 {("Đắk Mil", "district"), ("Cư Jút", "district")}, id="plural-level-list"),
    pytest.param("Thiệt hại ở ba xã Lạc Xuân, Ka Đô và Quảng Lập.",
                 {("Lạc Xuân", "commune"), ("Ka Đô", "commune"), ("Quảng Lập", "commune")}, id="counted-level-list"),
    pytest.param("Ông A ở xã Lạc Xuân, Nguyễn Văn Bình ở xã Ka Đô.",
                 {("Lạc Xuân", "commune"), ("Ka Đô", "commune")}, id="single-level-does-not-govern-a-list"),
]


@pytest.mark.parametrize("text, expected", LOCS)
def test_extract_entities_locations(nlp, text: str, expected: set) -> None:
    assert entities(nlp, text, "locations") == expected


RESOLVE = [
    pytest.param("Huyện ủy", "Huyện ủy Đức Trọng", id="huyen-uy"),
    pytest.param("UBND huyện", "UBND huyện Đức Trọng", id="ubnd-huyen"),
    pytest.param("Công an huyện", "Công an huyện Đức Trọng", id="cong-an-huyen"),
    pytest.param("UBND tỉnh", "UBND tỉnh Lâm Đồng", id="ubnd-tinh"),
    pytest.param("Sở Y tế", "Sở Y tế tỉnh Lâm Đồng", id="so"),
    pytest.param("Bộ Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Môi trường", id="ministry"),
    pytest.param("giấy khen", None, id="not-an-organisation"),
]


@pytest.mark.parametrize("phrase, expected", RESOLVE)
def test_extract_entities_resolve_organization(nlp, phrase: str, expected: str | None) -> None:
    doc = nlp("Tỉnh Lâm Đồng: Huyện ủy Đức Trọng tổ chức hội nghị tại huyện Đức Trọng. Giấy khen được trao.")
    assert resolve_organization(doc, phrase, 60) == expected


KNOWN_GAPS = [
    pytest.param("Bệnh viện Bạch Mai quá tải; Khoa Hồi sức tích cực - Chống độc của bệnh viện tiếp nhận 43 trẻ.",
                 {("Bệnh viện Bạch Mai", "hospital"), ("Khoa Hồi sức tích cực - Chống độc Bệnh viện Bạch Mai", "department")},
                 id="unit-of-the-hospital-written-lowercase"),
]


@pytest.mark.parametrize("text, expected", KNOWN_GAPS)
@pytest.mark.xfail(strict=True, reason="known gap")
def test_extract_entities_known_gaps(nlp, text: str, expected: set) -> None:
    assert entities(nlp, text, "organizations") == expected


LEVEL_PLACES = [
    pytest.param("huyện Đức Trọng", LevelPlace(3, "huyện", Level("district", "huyện"), PlaceName(1, 3, "Đức Trọng")),
                 id="level-and-name"),
    pytest.param("Lâm Đồng", LevelPlace(2, None, None, PlaceName(0, 2, "Lâm Đồng", "province")), id="table-place-bare"),
    pytest.param("Quận 1", LevelPlace(2, "Quận", Level("district", "quận"), PlaceName(1, 2, "1")), id="numbered"),
    pytest.param("bản Mường", LevelPlace(1, "bản", Level("village", "bản"), None), id="common-noun-level-short-name"),
    pytest.param("TP.HCM", LevelPlace(3, None, None, PlaceName(0, 3, "TP.HCM", "city")), id="abbreviated-city"),
    pytest.param("cho biết", LevelPlace(0, None, None, None), id="nothing"),
]


@pytest.mark.parametrize("text, expected", LEVEL_PLACES)
def test_extract_entities_level_place_reads_named_parts(text: str, expected: LevelPlace) -> None:
    words = tokenize(text)
    assert Parser(text, words, ArticleIndex()).level_place(0, before_name=False) == expected


ANALYSED_ONCE = [
    pytest.param("Theo Kế hoạch số 215/KH-UBND ngày 12/7/2024 của UBND tỉnh, huyện Cư M'gar ở tỉnh Đắk Lắk trồng "
                 "cà phê.", True, id="documents-ask-first"),
    pytest.param("Huyện Cư M'gar ở tỉnh Đắk Lắk trồng cà phê.", False, id="entities-ask-first"),
]


@pytest.mark.parametrize("text, documents_ask", ANALYSED_ONCE)
def test_extract_entities_analysis_runs_once_per_doc(monkeypatch, text: str, documents_ask: bool) -> None:
    """The documents component may need the article index before the entities component runs:
    whichever asks first analyses the doc, the other reads the same analysis."""
    calls: list[str] = []
    analyse = E._analyse

    def counted(doc):
        calls.append(doc.text)
        return analyse(doc)

    monkeypatch.setattr(E, "_analyse", counted)
    nlp = build_nlp(components("vnx_sentences", "vnx_dates", "vnx_documents", "vnx_entities"))
    doc = nlp.make_doc(normalize_text(text))
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "vnx_documents":
            assert (doc._.entity_analysis is not None) == documents_ask
    assert len(calls) == 1
    assert [s._.entity for s in doc.spans["locations"]] == [loc.value for loc in doc._.entity_analysis.locations]
    assert {s._.entity.name for s in doc.spans["locations"]} >= {"Cư M'gar", "Đắk Lắk"}
