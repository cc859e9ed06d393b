"""Documents: numbered, dated, issued and titled references, and kind words used as common nouns.

Each Example lists ALL the documents expected in its text as (mention text, kind, number, date,
issuer, title); the examples run through the dates and documents components together, so the
issue date comes from the date mentions as in the pipeline.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from vnextract.pipeline.extract import components
from vnextract.pipeline.nlp import build_nlp

PUB = "2024-01-04"


class Example(NamedTuple):
    text: str
    expected: list[tuple[str, str, str | None, str | None, str | None, str | None]]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components("vnx_sentences", "vnx_dates", "vnx_documents"))


def _found(nlp, text: str) -> list[tuple]:
    doc = nlp.make_doc(text)
    doc._.published = PUB
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return [
        (s.text, v.kind, v.number, v.date, v.issuer, v.title)
        for s in doc.spans["documents"]
        for v in [s._.document]
    ]


NUMBERED = {
    "party-conclusion-spaced-number": Example(
        "thực hiện nghiêm Kết luận số 01- KL/TW về",
        [("Kết luận số 01- KL/TW", "Kết luận", "01-KL/TW", None, None, None)],
    ),
    "directive-date-issuer": Example(
        "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị và",
        [("Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị", "Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị", None)],
    ),
    "conclusion-about-directive": Example(
        "Kết luận số 01- KL/TW về tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị",
        [
            ("Kết luận số 01- KL/TW", "Kết luận", "01-KL/TW", None, None, None),
            ("Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị", "Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị", None),
        ],
    ),
    "provincial-decision": Example(
        "Theo Quyết định số 163/QĐ-UBND ngày 20/3/2024 của UBND tỉnh, tổng",
        [("Quyết định số 163/QĐ-UBND ngày 20/3/2024 của UBND tỉnh", "Quyết định", "163/QĐ-UBND", "2024-03-20", "UBND tỉnh", None)],
    ),
    "decree-without-so": Example(
        "theo Nghị định 100/2019/NĐ-CP.",
        [("Nghị định 100/2019/NĐ-CP", "Nghị định", "100/2019/NĐ-CP", None, None, None)],
    ),
    "national-assembly-resolution": Example(
        "Nghị quyết số 30/2024/QH15 của Quốc hội",
        [("Nghị quyết số 30/2024/QH15 của Quốc hội", "Nghị quyết", "30/2024/QH15", None, "Quốc hội", None)],
    ),
    "prime-minister": Example(
        "Quyết định số 500/QĐ-TTg ngày 15/5/2023 của Thủ tướng Chính phủ.",
        [("Quyết định số 500/QĐ-TTg ngày 15/5/2023 của Thủ tướng Chính phủ", "Quyết định", "500/QĐ-TTg", "2023-05-15", "Thủ tướng Chính phủ", None)],
    ),
    "ministry-with-field": Example(
        "Thông tư số 28/2020/TT-BCA của Bộ Công an về",
        [("Thông tư số 28/2020/TT-BCA của Bộ Công an", "Thông tư", "28/2020/TT-BCA", None, "Bộ Công an", None)],
    ),
    "central-committee-term": Example(
        "Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII về",
        [("Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII", "Nghị quyết",
          "18-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương", None)],
    ),
    "lowercase-kind-with-number": Example(
        "theo quyết định số 215/QĐ-TTr ngày 12.3.2023",
        [("quyết định số 215/QĐ-TTr ngày 12.3.2023", "Quyết định", "215/QĐ-TTr", "2023-03-12", None, None)],
    ),
    "joint-circular": Example(
        "Thông tư liên tịch số 02/2023/TTLT-BTC-BCA",
        [("Thông tư liên tịch số 02/2023/TTLT-BTC-BCA", "Thông tư liên tịch", "02/2023/TTLT-BTC-BCA", None, None, None)],
    ),
    "official-letter": Example(
        "Công văn số 5621/UBND-VX ngày 8/11/2023, cho phép",
        [("Công văn số 5621/UBND-VX ngày 8/11/2023", "Công văn", "5621/UBND-VX", "2023-11-08", None, None)],
    ),
    "party-regulation": Example(
        "Quy định số 144-QĐ/TW về chuẩn mực",
        [("Quy định số 144-QĐ/TW", "Quy định", "144-QĐ/TW", None, None, None)],
    ),
    "bare-number-with-issuer": Example(
        "Có hiệu lực từ 1/2, Nghị định 142 của Chính phủ quy định",
        [("Nghị định 142 của Chính phủ", "Nghị định", "142", None, "Chính phủ", None)],
    ),
    "issuer-before-ban-hanh": Example(
        "Ngày 28/9/2017, UBND huyện Mỹ Xuyên ban hành Quyết định số 940/QĐ-UBND phê duyệt",
        [("Quyết định số 940/QĐ-UBND", "Quyết định", "940/QĐ-UBND", "2017-09-28", "UBND huyện Mỹ Xuyên", None)],
    ),
    "shared-issuer": Example(
        "theo Nghị định 100/2019/NĐ-CP và Nghị định 123/2021/NĐ-CP của Chính phủ.",
        [
            ("Nghị định 100/2019/NĐ-CP", "Nghị định", "100/2019/NĐ-CP", None, "Chính phủ", None),
            ("Nghị định 123/2021/NĐ-CP của Chính phủ", "Nghị định", "123/2021/NĐ-CP", None, "Chính phủ", None),
        ],
    ),
    "cited-twice-listed-once": Example(
        "Thông tư 64/2017 bỏ quy định cũ. Theo Thông tư số 64/2017/TT-BCA của Bộ Công an, từ nay",
        [("Thông tư số 64/2017/TT-BCA của Bộ Công an", "Thông tư", "64/2017/TT-BCA", None, "Bộ Công an", None)],
    ),
}

TITLED = {
    "land-law-year": Example(
        "Luật Đất đai 2024 có hiệu lực từ ngày 1 tháng 8 năm 2024",
        [("Luật Đất đai 2024", "Luật", None, None, None, "Luật Đất đai 2024")],
    ),
    "education-law": Example(
        "tuân thủ Luật Giáo dục 2019 và các văn bản hướng dẫn",
        [("Luật Giáo dục 2019", "Luật", None, None, None, "Luật Giáo dục 2019")],
    ),
    "penal-code": Example(
        "theo Điều 353 Bộ luật Hình sự.",
        [("Bộ luật Hình sự", "Bộ luật", None, None, None, "Bộ luật Hình sự")],
    ),
    "law-with-comma": Example(
        "Luật Khám bệnh, chữa bệnh 2023 có hiệu lực",
        [("Luật Khám bệnh, chữa bệnh 2023", "Luật", None, None, None, "Luật Khám bệnh, chữa bệnh 2023")],
    ),
    "law-with-va": Example(
        "Luật Hôn nhân và gia đình năm 2000 thì",
        [("Luật Hôn nhân và gia đình năm 2000", "Luật", None, None, None, "Luật Hôn nhân và gia đình năm 2000")],
    ),
    "two-laws": Example(
        "Luật Đất đai và Luật Nhà ở 2014 quy định",
        [
            ("Luật Đất đai", "Luật", None, None, None, "Luật Đất đai"),
            ("Luật Nhà ở 2014", "Luật", None, None, None, "Luật Nhà ở 2014"),
        ],
    ),
    "congress-resolution": Example(
        "hoàn thành các chỉ tiêu Nghị quyết Đại hội Đảng bộ huyện lần thứ XII, Đức Trọng đặt ra",
        [("Nghị quyết Đại hội Đảng bộ huyện lần thứ XII", "Nghị quyết", None, None, None,
          "Nghị quyết Đại hội Đảng bộ huyện lần thứ XII")],
    ),
    "constitution": Example(
        "theo Hiến pháp năm 2013,",
        [("Hiến pháp năm 2013", "Hiến pháp", None, None, None, "Hiến pháp năm 2013")],
    ),
    "named-law-with-number": Example(
        "Luật Đất đai số 31/2024/QH15 của Quốc hội",
        [("Luật Đất đai số 31/2024/QH15 của Quốc hội", "Luật", "31/2024/QH15", None, "Quốc hội", "Luật Đất đai")],
    ),
    "agreement-named-with-parties": Example(
        "so với năm 2014 khi Hiệp định Thương mại tự do Việt Nam - Chile có hiệu lực.",
        [("Hiệp định Thương mại tự do Việt Nam - Chile", "Hiệp định", None, None, None,
          "Hiệp định Thương mại tự do Việt Nam - Chile")],
    ),
    "memorandum-capitalised-mid-sentence": Example(
        "hai bộ trưởng đã chứng kiến lễ ký Bản ghi nhớ về hợp tác đào tạo cán bộ ngoại giao.",
        [("Bản ghi nhớ", "Bản ghi nhớ", None, None, None, None)],
    ),
    "agreement-capitalised-mid-sentence": Example(
        "Hai bên đã ký Thỏa thuận về miễn thị thực cho người mang hộ chiếu phổ thông.",
        [("Thỏa thuận", "Thỏa thuận", None, None, None, None)],
    ),
    "convention-named": Example(
        "Việt Nam đã phê chuẩn Công ước Minamata về thủy ngân từ năm 2017.",
        [("Công ước Minamata", "Công ước", None, None, None, "Công ước Minamata")],
    ),
    "dated-and-issued-unnumbered": Example(
        "kế hoạch ngày 5/3/2024 của UBND tỉnh về",
        [("kế hoạch ngày 5/3/2024 của UBND tỉnh", "Kế hoạch", None, "2024-03-05", "UBND tỉnh", None)],
    ),
}

KINDS = {
    "report": Example(
        "Theo Báo cáo số 45/BC-STC ngày 3/4/2023 của Sở Tài chính, nguồn thu giảm.",
        [("Báo cáo số 45/BC-STC ngày 3/4/2023 của Sở Tài chính", "Báo cáo", "45/BC-STC", "2023-04-03", "Sở Tài chính", None)],
    ),
    "judgment-lowercase": Example(
        "đề nghị thi hành bản án số 31/2020/DS-PT của tòa",
        [("bản án số 31/2020/DS-PT", "Bản án", "31/2020/DS-PT", None, None, None)],
    ),
    "indictment": Example(
        "Theo Cáo trạng số 09/CT-VKS ngày 1/3/2022, bị can",
        [("Cáo trạng số 09/CT-VKS ngày 1/3/2022", "Cáo trạng", "09/CT-VKS", "2022-03-01", None, None)],
    ),
    "record-of-violation": Example(
        "Tổ công tác lập Biên bản số 102/BB-VPHC với chủ xe.",
        [("Biên bản số 102/BB-VPHC", "Biên bản", "102/BB-VPHC", None, None, None)],
    ),
    "joint-resolution": Example(
        "Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN quy định",
        [("Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", "Nghị quyết liên tịch",
          "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", None, None, None)],
    ),
}

DESCRIBED = {
    "penalty-decision-numbered": Example(
        "Đội đã lập quyết định xử phạt vi phạm hành chính số 88/QĐ-XPVPHC đối với tài xế.",
        [("quyết định xử phạt vi phạm hành chính số 88/QĐ-XPVPHC", "Quyết định", "88/QĐ-XPVPHC", None, None, None)],
    ),
    "appeal-judgment-dated-issued": Example(
        "Bản án hình sự phúc thẩm số 212/2022/HS-PT ngày 9/9/2022 của TAND tỉnh Bình Dương tuyên y án.",
        [("Bản án hình sự phúc thẩm số 212/2022/HS-PT ngày 9/9/2022 của TAND tỉnh Bình Dương", "Bản án",
          "212/2022/HS-PT", "2022-09-09", "TAND tỉnh Bình Dương", None)],
    ),
    "court-decision-long-description": Example(
        "Tòa đã Quyết định tạm đình chỉ giải quyết vụ án số 05/2023/QĐST-KDTM ngày 4/5/2023.",
        [("Quyết định tạm đình chỉ giải quyết vụ án số 05/2023/QĐST-KDTM ngày 4/5/2023", "Quyết định",
          "05/2023/QĐST-KDTM", "2023-05-04", None, None)],
    ),
    "outer-kind-by-code": Example(
        "Văn phòng UBND tỉnh ra Thông báo kết luận số 77/TB-UBND về cuộc họp.",
        [("Thông báo kết luận số 77/TB-UBND", "Thông báo", "77/TB-UBND", None, "Văn phòng UBND tỉnh", None)],
    ),
    "inner-kind-by-code": Example(
        "Sở ban hành công văn hướng dẫn thực hiện kết luận số 12-KL/TW trong toàn ngành.",
        [("kết luận số 12-KL/TW", "Kết luận", "12-KL/TW", None, None, None)],
    ),
    "plate-number-is-not-the-decision": Example("Công an ra quyết định tạm giữ xe biển số 29A-123.45 của ông B.", []),
    "house-number-is-not-the-decision": Example("UBND ra quyết định cưỡng chế căn nhà số 12/4 đường Lê Lợi.", []),
    "number-without-code-or-year": Example("UBND ra quyết định cưỡng chế thu hồi đất số 12/4 tại phường.", []),
    "fine-amount": Example("Công an ra quyết định xử phạt số tiền 5 triệu đồng.", []),
}

WRITTEN_AS_TYPED = {
    "doubled-slash": Example(
        "Chi cục căn cứ Nghị định số 15//2020/NĐ-CP để xử phạt.",
        [("Nghị định số 15//2020/NĐ-CP", "Nghị định", "15//2020/NĐ-CP", None, None, None)],
    ),
    "dash-then-slash": Example(
        "Đơn vị nhận công văn 318CV-/PC08 hôm qua.",
        [("công văn 318CV-/PC08", "Công văn", "318CV-/PC08", None, None, None)],
    ),
    "dotted-code": Example(
        "Theo Quyết định số 45/2004/QĐ.UB ngày 2/3/2004 của UBND thành phố, giá đất tăng.",
        [("Quyết định số 45/2004/QĐ.UB ngày 2/3/2004 của UBND thành phố", "Quyết định", "45/2004/QĐ.UB",
          "2004-03-02", "UBND thành phố", None)],
    ),
    "en-dash-in-party-number": Example(
        "Thực hiện Nghị quyết số 18–NQ/TW của Ban Chấp hành Trung ương.",
        [("Nghị quyết số 18–NQ/TW của Ban Chấp hành Trung ương", "Nghị quyết", "18–NQ/TW", None,
          "Ban Chấp hành Trung ương", None)],
    ),
    "bare-number-in-brackets": Example(
        "Mức phạt tăng (theo Nghị định 100).",
        [("Nghị định 100", "Nghị định", "100", None, None, None)],
    ),
    "period-with-en-dash": Example("Kế hoạch 2021–2025 của ngành.", []),
    "kind-glued-to-number": Example(
        "Căn cứ Nghị định100/2019/NĐ-CP, xử phạt.",
        [("Nghị định100/2019/NĐ-CP", "Nghị định", "100/2019/NĐ-CP", None, None, None)],
    ),
    "so-glued-to-number": Example(
        "Theo Thông tư số01/2020/TT-BYT của Bộ Y tế.",
        [("Thông tư số01/2020/TT-BYT của Bộ Y tế", "Thông tư", "01/2020/TT-BYT", None, "Bộ Y tế", None)],
    ),
    "thousands-dot-is-a-count": Example("Lực lượng chức năng đã lập biên bản 1.250 trường hợp vi phạm.", []),
}

SHORT_FORMS = {
    "judgment-without-year": Example(
        "Bản án số 17/HNGĐ-ST ngày 5/6/2021 buộc ông A trả tiền. Sau đó, Bản án số 17/2021/HNGĐ-ST ngày 5/6/2021 bị kháng cáo.",
        [("Bản án số 17/2021/HNGĐ-ST ngày 5/6/2021", "Bản án", "17/2021/HNGĐ-ST", "2021-06-05", None, None)],
    ),
    "decree-missing-part-of-code": Example(
        "Theo Nghị định 91/2019/CP, mức phạt tăng. Nghị định 91/2019/NĐ-CP có hiệu lực từ tháng 1.",
        [("Nghị định 91/2019/NĐ-CP", "Nghị định", "91/2019/NĐ-CP", None, None, None)],
    ),
    "running-number-only": Example(
        "Thông tư 58 nêu rõ điều kiện. Bộ Y tế ban hành Thông tư 58/2020/TT-BYT.",
        [("Thông tư 58/2020/TT-BYT", "Thông tư", "58/2020/TT-BYT", None, "Bộ Y tế", None)],
    ),
    "other-year-is-another-document": Example(
        "Quyết định số 12/QĐ-UBND ngày 3/1/2020 được thay bằng Quyết định số 12/2021/QĐ-UBND của UBND tỉnh.",
        [
            ("Quyết định số 12/QĐ-UBND ngày 3/1/2020", "Quyết định", "12/QĐ-UBND", "2020-01-03", None, None),
            ("Quyết định số 12/2021/QĐ-UBND của UBND tỉnh", "Quyết định", "12/2021/QĐ-UBND", None, "UBND tỉnh", None),
        ],
    ),
    "other-office-is-another-document": Example(
        "Quyết định số 7/QĐ-SYT và Quyết định số 7/QĐ-UBND cùng có hiệu lực",
        [
            ("Quyết định số 7/QĐ-SYT", "Quyết định", "7/QĐ-SYT", None, None, None),
            ("Quyết định số 7/QĐ-UBND", "Quyết định", "7/QĐ-UBND", None, None, None),
        ],
    ),
}

LISTED = {
    "two-decrees-one-kind": Example(
        "Thay thế các Nghị định 15/2018/NĐ-CP và 77/2016/NĐ-CP về an toàn thực phẩm.",
        [
            ("Nghị định 15/2018/NĐ-CP", "Nghị định", "15/2018/NĐ-CP", None, None, None),
            ("77/2016/NĐ-CP", "Nghị định", "77/2016/NĐ-CP", None, None, None),
        ],
    ),
    "comma-list-shares-issuer": Example(
        "Theo Thông tư số 01/2020/TT-BYT, 02/2020/TT-BYT của Bộ Y tế.",
        [
            ("Thông tư số 01/2020/TT-BYT", "Thông tư", "01/2020/TT-BYT", None, "Bộ Y tế", None),
            ("02/2020/TT-BYT của Bộ Y tế", "Thông tư", "02/2020/TT-BYT", None, "Bộ Y tế", None),
        ],
    ),
    "each-with-so": Example(
        "Các Nghị quyết số 01/NQ-HĐND, số 02/NQ-HĐND và số 03/NQ-HĐND ngày 5/1/2024 của HĐND tỉnh Gia Lai.",
        [
            ("Nghị quyết số 01/NQ-HĐND", "Nghị quyết", "01/NQ-HĐND", None, "HĐND tỉnh Gia Lai", None),
            ("02/NQ-HĐND", "Nghị quyết", "02/NQ-HĐND", None, "HĐND tỉnh Gia Lai", None),
            ("03/NQ-HĐND ngày 5/1/2024 của HĐND tỉnh Gia Lai", "Nghị quyết", "03/NQ-HĐND", "2024-01-05", "HĐND tỉnh Gia Lai", None),
        ],
    ),
    "short-numbers-with-years": Example(
        "Nghị định 15/2018 và 77/2016 đã bị thay.",
        [
            ("Nghị định 15/2018", "Nghị định", "15/2018", None, None, None),
            ("77/2016", "Nghị định", "77/2016", None, None, None),
        ],
    ),
    "day-after-comma-is-no-number": Example(
        "Quyết định số 12/QĐ-UBND, 15/3/2020 của UBND tỉnh.",
        [("Quyết định số 12/QĐ-UBND, 15/3/2020 của UBND tỉnh", "Quyết định", "12/QĐ-UBND", "2020-03-15", "UBND tỉnh", None)],
    ),
    "fraction-after-va-is-no-number": Example(
        "Quyết định 12/QĐ-UBND và 3/4 số hộ dân đồng ý.",
        [("Quyết định 12/QĐ-UBND", "Quyết định", "12/QĐ-UBND", None, None, None)],
    ),
}

LAWS = {
    "lowercase-law-name": Example(
        "theo quy định của Luật thuế thu nhập cá nhân.",
        [("Luật thuế thu nhập cá nhân", "Luật", None, None, None, "Luật thuế thu nhập cá nhân")],
    ),
    "lowercase-code-with-year": Example(
        "Bộ luật lao động năm 2019 quy định rõ thời giờ làm việc.",
        [("Bộ luật lao động năm 2019", "Bộ luật", None, None, None, "Bộ luật lao động năm 2019")],
    ),
    "law-name-then-verb": Example(
        "Hành vi này Bộ luật Hình sự xử phạt nặng.",
        [("Bộ luật Hình sự", "Bộ luật", None, None, None, "Bộ luật Hình sự")],
    ),
    "longest-law-name": Example(
        "dự án phải tuân thủ Luật Đầu tư công sửa đổi",
        [("Luật Đầu tư công", "Luật", None, None, None, "Luật Đầu tư công")],
    ),
    "abbreviated-code-with-year": Example(
        "Bị cáo bị truy tố theo khoản 2 Điều 173 BLHS 2015.",
        [("BLHS 2015", "Bộ luật", None, None, None, "BLHS 2015")],
    ),
    "abbreviated-code-alone": Example(
        "Tòa thụ lý theo BLTTDS, bị đơn vắng mặt.",
        [("BLTTDS", "Bộ luật", None, None, None, "BLTTDS")],
    ),
    "abbreviation-and-full-name-one-code": Example(
        "Theo Bộ luật Hình sự năm 2015, ông bị phạt tù. Điều 134 BLHS 2015 quy định tội cố ý gây thương tích.",
        [("Bộ luật Hình sự năm 2015", "Bộ luật", None, None, None, "Bộ luật Hình sự năm 2015")],
    ),
    "name-without-year-is-the-dated-law": Example(
        "Luật Đất đai 2024 mở rộng quyền của người dân. Các tỉnh đang hướng dẫn thi hành Luật đất đai.",
        [("Luật Đất đai 2024", "Luật", None, None, None, "Luật Đất đai 2024")],
    ),
    "amended-law-keeps-its-year": Example(
        "Luật Đất đai 2013 khác Luật Đất đai sửa đổi năm 2024 ở bảng giá.",
        [
            ("Luật Đất đai 2013", "Luật", None, None, None, "Luật Đất đai 2013"),
            ("Luật Đất đai sửa đổi năm 2024", "Luật", None, None, None, "Luật Đất đai sửa đổi năm 2024"),
        ],
    ),
    "amended-in-brackets-without-year": Example(
        "Dự thảo Luật Nhà ở (sửa đổi) được thông qua.",
        [("Luật Nhà ở", "Luật", None, None, None, "Luật Nhà ở")],
    ),
    "uppercase-headline-is-the-same-law": Example(
        "LUẬT ĐẤT ĐAI 2024 CÓ HIỆU LỰC. Luật Đất đai 2024 mở rộng quyền.",
        [("LUẬT ĐẤT ĐAI 2024", "Luật", None, None, None, "LUẬT ĐẤT ĐAI 2024")],
    ),
    "two-years-two-laws": Example(
        "Luật Đất đai 2013 và Luật Đất đai 2024 khác nhau ở bảng giá đất.",
        [
            ("Luật Đất đai 2013", "Luật", None, None, None, "Luật Đất đai 2013"),
            ("Luật Đất đai 2024", "Luật", None, None, None, "Luật Đất đai 2024"),
        ],
    ),
}

ABBREVIATED_KINDS = {
    "decision-code-as-kind": Example(
        "Theo QĐ 1234/QĐ-UBND của tỉnh, giá tăng.",
        [("QĐ 1234/QĐ-UBND", "Quyết định", "1234/QĐ-UBND", None, None, None)],
    ),
    "decree-code-with-so": Example(
        "Theo NĐ số 100/2019/NĐ-CP, mức phạt tăng.",
        [("NĐ số 100/2019/NĐ-CP", "Nghị định", "100/2019/NĐ-CP", None, None, None)],
    ),
    "code-inside-a-number-is-no-kind": Example("Số hiệu 12/QĐ 1234 ghi trên văn bản.", []),
    "code-without-number": Example("Các QĐ về đất đai được rà soát.", []),
}

PARTY = {
    "plenum-resolution": Example(
        "Thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.",
        [("Nghị quyết Trung ương 4 khóa XII", "Nghị quyết", None, None, None, "Nghị quyết Trung ương 4 khóa XII")],
    ),
    "plenum-resolution-no-term": Example(
        "Sau Nghị quyết Trung ương 5, ngành triển khai.",
        [("Nghị quyết Trung ương 5", "Nghị quyết", None, None, None, "Nghị quyết Trung ương 5")],
    ),
    "party-charter": Example(
        "Đảng viên vi phạm Điều lệ Đảng bị kỷ luật.",
        [("Điều lệ Đảng", "Điều lệ", None, None, None, "Điều lệ Đảng")],
    ),
}

ISSUERS = {
    "bare-head-is-the-last-one-named": Example(
        "Sở Y tế tỉnh Đắk Lắk cho biết. Ngày 5/7/2024, Sở đã ban hành Công văn số 2150/SYT-NVY yêu cầu",
        [("Công văn số 2150/SYT-NVY", "Công văn", "2150/SYT-NVY", "2024-07-05", "Sở Y tế tỉnh Đắk Lắk", None)],
    ),
    "bare-head-after-a-title": Example(
        "Ông Lâm, Giám đốc Sở Tài chính, cho biết Sở đã có Công văn số 880/STC-NS gửi các huyện.",
        [("Công văn số 880/STC-NS", "Công văn", "880/STC-NS", None, "Sở Tài chính", None)],
    ),
    "passed-by-council": Example(
        "Tại kỳ họp, HĐND tỉnh Gia Lai đã thông qua Nghị quyết số 12/NQ-HĐND về giá đất.",
        [("Nghị quyết số 12/NQ-HĐND", "Nghị quyết", "12/NQ-HĐND", None, "HĐND tỉnh Gia Lai", None)],
    ),
    "standing-committee-of-party-committee": Example(
        "Ban Thường vụ Huyện ủy Cát Tiên ban hành Kế hoạch số 45-KH/HU về sắp xếp bộ máy.",
        [("Kế hoạch số 45-KH/HU", "Kế hoạch", "45-KH/HU", None, "Ban Thường vụ Huyện ủy Cát Tiên", None)],
    ),
    "ministry-has-letter": Example(
        "Bộ Xây dựng vừa có văn bản số 310/BXD-KTXD trả lời.",
        [("văn bản số 310/BXD-KTXD", "Văn bản", "310/BXD-KTXD", None, "Bộ Xây dựng", None)],
    ),
    "law-does-not-share-the-decree-issuer": Example(
        "Dự án trái Luật Xây dựng 2014 và Nghị định số 15/2021/NĐ-CP của Chính phủ.",
        [
            ("Luật Xây dựng 2014", "Luật", None, None, None, "Luật Xây dựng 2014"),
            ("Nghị định số 15/2021/NĐ-CP của Chính phủ", "Nghị định", "15/2021/NĐ-CP", None, "Chính phủ", None),
        ],
    ),
    "city-glued-to-its-abbreviated-level": Example(
        "Quyết định số 09/2024/QĐ-UBND của UBND TP.HCM quy định giá đất.",
        [("Quyết định số 09/2024/QĐ-UBND của UBND TP.HCM", "Quyết định", "09/2024/QĐ-UBND", None, "UBND TP.HCM", None)],
    ),
    "sentence-ends-after-the-level": Example(
        "Tờ trình số 5/TTr-UBND của UBND tỉnh. Phát biểu tại kỳ họp, ông A nói.",
        [("Tờ trình số 5/TTr-UBND của UBND tỉnh", "Tờ trình", "5/TTr-UBND", None, "UBND tỉnh", None)],
    ),
    "short-name-in-brackets-before-verb": Example(
        "Sở Giao thông vận tải (GTVT) đã ban hành Kế hoạch số 77/KH-SGTVT về an toàn.",
        [("Kế hoạch số 77/KH-SGTVT", "Kế hoạch", "77/KH-SGTVT", None, "Sở Giao thông vận tải", None)],
    ),
    "holder-is-no-issuer": Example(
        "Người dân có quyết định giao đất số 12/QĐ-UBND từ năm 2005.",
        [("quyết định giao đất số 12/QĐ-UBND", "Quyết định", "12/QĐ-UBND", None, None, None)],
    ),
}

COMMON_NOUNS = {
    "law-firm": Example("Công ty Luật Minh Khuê tư vấn miễn phí.", []),
    "law-school": Example("Ông là sinh viên Trường Đại học Luật TP.HCM.", []),
    "traffic-law-lowercase": Example("Nhiều người vi phạm luật giao thông đường bộ.", []),
    "sentence-of-years": Example("Tòa tuyên bản án 7 năm tù cho bị cáo.", []),
    "report-as-verb": Example("Báo cáo rõ về kết quả thi hành án.", []),
    "law-then-lowercase-unknown": Example("Luật chơi của giải đấu thay đổi.", []),
    "records-counted": Example("Tổ công tác đã lập biên bản 45, tạm giữ 12 xe.", []),
    "option-numbered": Example("Hội đồng chọn Phương án 2.", []),

    "plural-resolutions": Example("thực hiện các nghị quyết của Đảng", []),
    "production-plan": Example("Theo kế hoạch sản xuất, tỉnh", []),
    "plan-at-sentence-start": Example("Kế hoạch năm 2024 của tỉnh là", []),
    "penalty-decision": Example("quyết định xử phạt hành chính", []),
    "regulations": Example("thực hiện nghiêm các quy định của Đảng", []),
    "lawyer": Example("Luật sư Trần Thị Kim Oanh, Đoàn Luật sư tỉnh", []),
    "closing-remarks": Example("Kết luận hội nghị, ông Tuấn yêu cầu", []),
    "notice-common": Example("Thông báo vi phạm được gửi về", []),
    "plan-period": Example("Kế hoạch 2021-2025 của ngành", []),
    "percent-of-plan": Example("đạt 100,2% kế hoạch.", []),
    "decision-count": Example("quyết định 2 lần", []),
    "memorandum-lowercase": Example("hai bộ trưởng đã ký bản ghi nhớ về hợp tác thương mại", []),
    "agreement-lowercase": Example("các hiệp định thương mại tự do mà Việt Nam tham gia", []),
    "memorandum-opening-sentence": Example("Kim ngạch tăng. Bản ghi nhớ có thể giúp GDP tăng", []),
    "agreement-opening-paragraph": Example("Thỏa thuận này giúp hai bên", []),
}


def _cases(*tables: dict[str, Example]):
    return [pytest.param(ex, id=name) for table in tables for name, ex in table.items()]


@pytest.mark.parametrize("example", _cases(NUMBERED))
def test_documents_numbered(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(TITLED))
def test_documents_titled(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(KINDS))
def test_documents_kinds_of_reports_judgments_and_records(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(DESCRIBED))
def test_documents_description_between_kind_and_number(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(WRITTEN_AS_TYPED))
def test_documents_numbers_kept_as_typed(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(SHORT_FORMS))
def test_documents_short_number_is_the_full_one(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(LISTED))
def test_documents_numbers_listed_under_one_kind(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(LAWS))
def test_documents_laws_by_name_and_abbreviation(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(ABBREVIATED_KINDS))
def test_documents_kind_written_as_its_code(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(PARTY))
def test_documents_party_plenums_and_charter(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(ISSUERS))
def test_documents_issuer_written_before(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


@pytest.mark.parametrize("example", _cases(COMMON_NOUNS))
def test_documents_common_nouns_are_not_documents(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected


KNOWN_GAPS = {
    # "Chương trình" is no kind: "Chương trình 135" names a programme, not a document
    "party-action-programme": Example(
        "Tỉnh ủy ban hành Chương trình hành động số 15-CTr/TU để thực hiện",
        [("Chương trình hành động số 15-CTr/TU", "Chương trình", "15-CTr/TU", None, "Tỉnh ủy", None)],
    ),
}


@pytest.mark.xfail(strict=True, reason="known gap")
@pytest.mark.parametrize("example", _cases(KNOWN_GAPS))
def test_documents_known_gaps(nlp, example: Example) -> None:
    assert _found(nlp, example.text) == example.expected
