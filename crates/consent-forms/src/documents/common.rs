//! What every form shares: the clinic's header with the QR code, the title, labelled details, the
//! signature row, the footer, and the checks every input goes through; and what the two sheets
//! that carry a secret share (the recovery sheet, the desk's enrollment sheet): the frame with the
//! code in groups beside its QR code, and a file id that is no digest of the secret.

use chrono::{DateTime, FixedOffset};
use consent_domain::ids::FormId;
use consent_domain::patient::{Patient, PersonName, Representative};
use consent_domain::staff::Staff;

use crate::Pdf;
use crate::clinic::Clinic;
use crate::code::{mix, qr_payload, short_code};
use crate::error::FormError;
use crate::fonts::{self, Fonts};
use crate::format;
use crate::layout::{
    Align, CONTENT_WIDTH, Cell, Draw, Face, Flow, Ink, MARGIN, Span, Style, Table, mm,
};
use crate::metadata::Metadata;
use crate::qr;
use crate::render::render;
use crate::texts::{FormTexts, TextKey};

/// Side of one QR module: 0.8 mm makes the 29-module symbol 23 mm wide, readable by any desk scanner
/// and by a phone camera.
const QR_MODULE: f32 = mm(0.8);
/// White around the symbol that no text may enter (the QR quiet zone is 4 modules).
const QR_QUIET: f32 = 4.0 * QR_MODULE;

/// Room a signature row takes: the gap above it, one line and the captions.
const SIGNATURE_HEIGHT: f32 = 40.0;

/// A staff member who signs a notice or took part in a destruction.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    pub staff: &'a Staff,
    /// The job title printed next to the signature; the role's Russian name when `None` (the staff
    /// record has no job title of its own).
    pub position: Option<&'a str>,
}

impl Signer<'_> {
    pub(crate) fn position(&self) -> &str {
        self.position
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| self.staff.role().name_ru())
    }

    pub(crate) fn check(&self, field: &'static str) -> Result<(), FormError> {
        printable(field, self.staff.full_name())?;
        printable(field, self.position())
    }
}

/// Which printed instance a form is, and when and by whom it is issued.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Issue<'a> {
    pub clinic: &'a Clinic,
    pub form: FormId,
    pub printed_at: DateTime<FixedOffset>,
    pub texts: &'a FormTexts,
}

/// A form being laid out.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub flow: Flow,
    pub issue: Issue<'a>,
    title: String,
    subject: String,
    section: usize,
}

/// Refuses a blank value.
pub(crate) fn required(field: &'static str, value: &str) -> Result<(), FormError> {
    if value.trim().is_empty() {
        Err(FormError::MissingData { field })
    } else {
        printable(field, value)
    }
}

/// Refuses a value the font cannot print (a line break counts as unprintable inside a value).
pub(crate) fn printable(field: &'static str, value: &str) -> Result<(), FormError> {
    if value.contains('\n') || !fonts::can_print(value) {
        Err(FormError::UnprintableCharacter { field })
    } else {
        Ok(())
    }
}

fn check_name(field: &'static str, name: &PersonName) -> Result<(), FormError> {
    required(field, &name.display_name())
}

/// Checks that everything the forms print about the patient (and the representative) is there and
/// printable. Validated patients always have these fields; a blank one would mean a broken store, and
/// a form with a gap is worse than no form.
pub(crate) fn check_patient(patient: &Patient) -> Result<(), FormError> {
    check_name("patient.name", patient.name())?;
    required("patient.address", patient.address().as_str())?;
    let doc = patient.document();
    required("patient.document.number", doc.number())?;
    required("patient.document.issuer", doc.issuer())?;
    printable("patient.document.series", doc.series().unwrap_or_default())?;
    printable(
        "patient.document.subdivision_code",
        doc.subdivision_code().unwrap_or_default(),
    )?;
    printable("patient.email", patient.email().map_or("", |e| e.as_str()))?;
    printable(
        "patient.phone",
        &patient.phone().map(ToString::to_string).unwrap_or_default(),
    )?;
    if let Some(rep) = patient.representative() {
        check_representative(rep)?;
    }
    Ok(())
}

fn check_representative(rep: &Representative) -> Result<(), FormError> {
    check_name("representative.name", rep.name())?;
    required("representative.address", rep.address().as_str())?;
    required("representative.document.number", rep.document().number())?;
    required("representative.document.issuer", rep.document().issuer())?;
    printable(
        "representative.document.series",
        rep.document().series().unwrap_or_default(),
    )?;
    required("representative.authority.issuer", rep.authority().issuer())?;
    printable(
        "representative.authority.number",
        rep.authority().number().unwrap_or_default(),
    )?;
    printable("representative.phone", &rep.phone().to_string())
}

/// Who signs for the patient: the representative when there is one.
pub(crate) fn signer_name(patient: &Patient) -> (String, String) {
    match patient.representative() {
        Some(rep) => (rep.name().display_name(), rep.name().initials()),
        None => (patient.display_name(), patient.initials()),
    }
}

/// The patient's contacts as one line («+7 912 345-67-89, ivanov@example.ru»).
pub(crate) fn contacts(patient: &Patient) -> String {
    let mut parts = Vec::new();
    if let Some(phone) = patient.phone() {
        parts.push(format::phone(phone));
    }
    if let Some(email) = patient.email() {
        parts.push(email.as_str().to_owned());
    }
    parts.join(", ")
}

impl<'a> Document<'a> {
    /// Starts a form: checks the clinic, draws the header with the QR code and sets the running
    /// header. `title` names the kind of document (metadata, running header); `subject` describes it
    /// for the PDF's subject field.
    pub fn begin(issue: Issue<'a>, title: &str, subject: &str) -> Result<Document<'a>, FormError> {
        issue.clinic.validate()?;
        let fonts = Fonts::get()?;
        let mut flow = Flow::new(fonts);
        let texts = issue.texts;
        let code = short_code(issue.form);
        flow.set_running_header(
            format!("{} · {title}", issue.clinic.name.trim()),
            format!("{} {code}", texts.get(TextKey::CommonFormCode)),
        );
        let mut doc = Document {
            flow,
            issue,
            title: title.to_owned(),
            subject: subject.to_owned(),
            section: 0,
        };
        doc.header(&code)?;
        Ok(doc)
    }

    /// The clinic's name and details on the left, the QR code and the short code on the right.
    fn header(&mut self, code: &str) -> Result<(), FormError> {
        let symbol = qr::encode(&qr_payload(self.issue.form))?;
        let side = symbol.width as f32 * QR_MODULE;
        let left = MARGIN + CONTENT_WIDTH - side;
        let top = self.flow.y();
        for draw in symbol.draws(left, top, QR_MODULE) {
            self.flow.draw(draw);
        }
        let label_size = 7.0;
        let code_size = 10.0;
        let texts = self.issue.texts;
        // The label wraps in the symbol's column (an override may make it long); the code follows.
        let label_style = Style::SMALL
            .size(label_size)
            .ink(Ink::Grey)
            .align(Align::Center);
        let lines = self.flow.wrap(
            &[Span::regular(texts.get(TextKey::CommonFormCode))],
            label_style,
            side,
        );
        let mut label_base = top - side - QR_QUIET - label_size;
        for line in &lines {
            self.flow
                .place_line(line, left, side, label_base, label_style);
            label_base -= label_style.line_height();
        }
        let code_base = label_base + label_style.line_height() - code_size * 1.2;
        let code_w = self.flow.width(code, Face::Bold, code_size);
        self.flow.text_at(
            left + (side - code_w) / 2.0,
            code_base,
            &[Span::bold(code)],
            code_size,
            Ink::Black,
        );
        let block_bottom = code_base - code_size * 0.4;

        let clinic = self.issue.clinic;
        let right = side + QR_QUIET + 6.0;
        let name_style = Style::BODY
            .size(11.0)
            .align(Align::Left)
            .right(right)
            .after(2.0);
        self.flow
            .paragraph(&[Span::bold(clinic.name.trim())], name_style);
        let small = Style::SMALL.size(8.5).right(right).after(1.0);
        let details = [
            texts.fill(
                TextKey::CommonInnOgrn,
                &[("inn", clinic.inn.trim()), ("ogrn", clinic.ogrn.trim())],
            ),
            texts.fill(
                TextKey::CommonAddress,
                &[("address", clinic.legal_address.trim())],
            ),
            match &clinic.phone {
                Some(phone) if !phone.trim().is_empty() => texts.fill(
                    TextKey::CommonContactsPhone,
                    &[
                        ("phone", phone.trim()),
                        ("email", clinic.withdrawal_email.trim()),
                    ],
                ),
                _ => texts.fill(
                    TextKey::CommonContacts,
                    &[("email", clinic.withdrawal_email.trim())],
                ),
            },
        ];
        for line in details {
            self.flow.paragraph(&[Span::regular(line)], small);
        }
        self.flow.move_below(block_bottom);
        self.flow.gap(4.0);
        self.flow.rule(0.8, 0.0);
        self.flow.gap(10.0);
        Ok(())
    }

    /// The centred title and subtitle.
    pub fn title(&mut self, title: &str, subtitle: &str) {
        let style = Style::BODY.align(Align::Center);
        self.flow
            .paragraph(&[Span::bold(title)], style.size(14.0).after(1.0));
        if !subtitle.is_empty() {
            self.flow
                .paragraph(&[Span::bold(subtitle)], style.size(11.0).after(0.0));
        }
        self.flow.gap(10.0);
    }

    /// A numbered section heading.
    pub fn section(&mut self, text: &str) {
        self.section += 1;
        let heading = format!("{}. {text}", self.section);
        self.flow.heading(&heading);
    }

    /// A body paragraph.
    pub fn paragraph(&mut self, spans: &[Span]) {
        self.flow.paragraph(spans, Style::BODY);
    }

    /// A list item («— text») with a hanging indent.
    pub fn item(&mut self, text: &str) {
        let line = self
            .issue
            .texts
            .fill(TextKey::CommonList, &[("item", text)]);
        self.flow.paragraph(
            &[Span::regular(line)],
            Style::BODY.left(12.0).first_indent(-8.0).after(2.0),
        );
    }

    /// Label–value rows in a ruled two-column table.
    pub fn details(
        &mut self,
        rows: &[(TextKey, String)],
        name: &'static str,
    ) -> Result<(), FormError> {
        let texts = self.issue.texts;
        let table = Table {
            widths: vec![0.3, 0.7],
            header: Vec::new(),
            rows: rows
                .iter()
                .filter(|(_, value)| !value.is_empty())
                .map(|(label, value)| {
                    vec![Cell::text(texts.get(*label)), Cell::bold(value.as_str())]
                })
                .collect(),
            size: 9.5,
            name,
        };
        self.flow.table(&table)
    }

    /// The signature row with the date (or a blank for it) on the left.
    pub fn signature(&mut self, left: &[Span], name: &str) {
        signature(&mut self.flow, self.issue.texts, left, name);
    }

    /// The signature of the patient or representative, beside a blank for the date in their own
    /// hand: the form may be signed another day than it was printed (the footer keeps when the copy
    /// was generated; the desk records the day the signature was confirmed).
    pub fn dated_signature(&mut self, initials: &str) {
        let blank = self.issue.texts.get(TextKey::CommonBlankDate);
        let left = self
            .issue
            .texts
            .spans(TextKey::CommonDate, &[("date", blank)]);
        self.signature(&left, initials);
    }

    /// The last paragraph and the dated signature, kept on one page: a signature alone on a page
    /// could be stapled to another document.
    pub fn closing(&mut self, spans: &[Span], initials: &str) {
        let height = self.flow.measure(spans, Style::BODY);
        self.flow.keep(height + SIGNATURE_HEIGHT);
        self.paragraph(spans);
        self.dated_signature(initials);
    }

    /// Ends the form: footers, metadata, PDF bytes.
    pub fn finish(self) -> Result<Pdf, FormError> {
        let texts = self.issue.texts;
        let code = short_code(self.issue.form);
        let printed = format::date_time(self.issue.printed_at);
        let footer = texts.fill(
            TextKey::CommonFooter,
            &[("code", code.as_str()), ("printed_at", printed.as_str())],
        );
        let meta = Metadata::new(
            &self.title,
            &self.subject,
            self.issue.clinic.name.trim(),
            self.issue.form,
            self.issue.printed_at,
        );
        finish_pdf(self.flow, &footer, texts, meta)
    }
}

/// The signature row after a gap: what is signed on the left, the line for the signature and the
/// name under their captions.
pub(crate) fn signature(flow: &mut Flow, texts: &FormTexts, left: &[Span], name: &str) {
    flow.gap(8.0);
    flow.signature(
        left,
        name,
        texts.get(TextKey::CommonSignatureCaption),
        texts.get(TextKey::CommonNameCaption),
    );
}

/// Ends any document: footers and «Страница N из M», the printability check, the PDF bytes.
pub(crate) fn finish_pdf(
    flow: Flow,
    footer: &str,
    texts: &FormTexts,
    meta: Metadata,
) -> Result<Pdf, FormError> {
    let (pages, layout, printable) = flow.finish(footer, |page, total| {
        texts.fill(
            TextKey::CommonPage,
            &[("page", &page.to_string()), ("pages", &total.to_string())],
        )
    });
    if !printable {
        return Err(FormError::UnprintableCharacter { field: "text" });
    }
    let bytes = render(&pages, &meta)?;
    Ok(Pdf {
        bytes,
        pages: pages.len(),
        title: meta.title,
        layout,
    })
}

/// A short, sentence-case document name from a title and a subtitle: «Согласие на обработку
/// персональных данных» from «СОГЛАСИЕ» and «на обработку персональных данных».
pub(crate) fn document_name(title: &str, subtitle: &str) -> String {
    let lower = title.to_lowercase();
    let mut chars = lower.chars();
    let mut name: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !subtitle.is_empty() {
        name.push(' ');
        name.push_str(subtitle);
    }
    name
}

/// A secret code on a sheet (the recovery key, a desk's enrollment code): printed in groups for a
/// person to copy and as a QR code for a scanner to type, side by side in one frame that never
/// splits across pages, so no page carries half a code.
pub(crate) struct CodeFrame<'a> {
    /// The words above the frame («Код восстановления»).
    pub heading: &'a str,
    /// A line of its own before the groups (the code's fixed prefix), at the groups' size.
    pub lead: Option<&'a str>,
    /// The code's groups in order; every group of a line starts at the same pitch, so columns align.
    pub groups: &'a [&'a str],
    pub per_line: usize,
    /// The groups' size unless they would not fit beside the QR code.
    pub size: f32,
    /// Under the groups: how to type them.
    pub hint: &'a str,
    /// Under the QR code: what it holds (never the code itself).
    pub caption: &'a str,
    pub payload: &'a str,
    /// Side of one QR module.
    pub module: f32,
    /// The block's name in a [`FormError::TooTall`].
    pub name: &'static str,
}

/// The top of a sheet that carries a secret: the grey «confidential» line, the title and the
/// subtitle, centred.
pub(crate) fn sheet_head(flow: &mut Flow, confidential: &str, title: &str, subtitle: &str) {
    let centred = Style::BODY.align(Align::Center);
    flow.paragraph(
        &[Span::bold(confidential)],
        centred.size(9.0).ink(Ink::Grey).after(6.0),
    );
    flow.paragraph(&[Span::bold(title)], centred.size(14.0).after(1.0));
    flow.paragraph(&[Span::bold(subtitle)], centred.size(11.0).after(0.0));
    flow.gap(8.0);
}

/// Line height of a code as a multiple of its size: rows well apart so no one skips one.
const CODE_LEADING: f32 = 1.4;
/// The white between two groups of a line, in em: clearly wider than a letter, so the groups read
/// as groups in a proportional face.
const GROUP_GAP: f32 = 1.1;
/// Padding inside the code frame around the code and the QR code.
const FRAME_PAD: f32 = 8.0;
/// Size of the QR caption and of the typing hint.
const NOTE_SIZE: f32 = 8.0;

/// Draws a [`CodeFrame`]: the heading, then the frame with the groups and the hint on the left and
/// the QR code with its caption on the right.
pub(crate) fn code_frame(flow: &mut Flow, frame: &CodeFrame<'_>) -> Result<(), FormError> {
    let symbol = qr::encode(frame.payload)?;
    let module = frame.module;
    let quiet = 4.0 * module;
    let side = symbol.width as f32 * module;
    let inset = FRAME_PAD.max(quiet);
    let right = MARGIN + CONTENT_WIDTH;
    let qr_left = right - inset - side;
    let text_left = MARGIN + FRAME_PAD;
    let column = qr_left - quiet - FRAME_PAD - text_left;
    if column <= 0.0 {
        return Err(FormError::TooTall(frame.name));
    }

    // The size: `frame.size` unless the widest line would not fit the column.
    let per_line = frame.per_line.max(1);
    let widest = |size: f32| {
        frame
            .groups
            .iter()
            .map(|g| flow.width(g, Face::Bold, size))
            .fold(0.0, f32::max)
    };
    let line_width = |size: f32| {
        let groups = per_line.min(frame.groups.len()) as f32;
        let lead = frame.lead.map_or(0.0, |l| flow.width(l, Face::Bold, size));
        (groups * widest(size) + (groups - 1.0).max(0.0) * GROUP_GAP * size).max(lead)
    };
    let size = frame
        .size
        .min(frame.size * column / line_width(frame.size).max(1.0));
    let pitch = widest(size) + GROUP_GAP * size;
    let code_lh = size * CODE_LEADING;
    let lines = frame.groups.len().div_ceil(per_line) + usize::from(frame.lead.is_some());

    let note = Style::SMALL.size(NOTE_SIZE);
    let hint = flow.wrap(&[Span::regular(frame.hint)], note, column);
    let caption_style = note.ink(Ink::Grey).align(Align::Center);
    let caption = flow.wrap(&[Span::regular(frame.caption)], caption_style, side);
    let left_h = FRAME_PAD + lines as f32 * code_lh + 6.0 + hint.len() as f32 * note.line_height();
    let right_h = inset + side + quiet + caption.len() as f32 * caption_style.line_height();
    let height = left_h.max(right_h) + FRAME_PAD;
    let heading = format!("{}:", frame.heading);
    let heading_style = Style::BODY.size(10.5).align(Align::Left).after(4.0);
    let heading_h = flow.measure(&[Span::bold(heading.as_str())], heading_style) + 4.0;
    if height + heading_h > Flow::page_capacity() {
        return Err(FormError::TooTall(frame.name));
    }
    flow.keep(height + heading_h + 6.0);
    flow.gap(6.0);
    flow.paragraph(&[Span::bold(heading)], heading_style);

    let top = flow.y();
    let bottom = top - height;
    let corners = [
        (MARGIN, top),
        (right, top),
        (right, bottom),
        (MARGIN, bottom),
        (MARGIN, top),
    ];
    for pair in corners.windows(2) {
        flow.draw(Draw::Line {
            x1: pair[0].0,
            y1: pair[0].1,
            x2: pair[1].0,
            y2: pair[1].1,
            width: 1.0,
            grey: 0.0,
        });
    }

    let mut line_top = top - FRAME_PAD;
    if let Some(lead) = frame.lead {
        let baseline = flow.baseline(line_top, size, code_lh);
        flow.text_at(text_left, baseline, &[Span::bold(lead)], size, Ink::Black);
        line_top -= code_lh;
    }
    for line in frame.groups.chunks(per_line) {
        let baseline = flow.baseline(line_top, size, code_lh);
        for (i, group) in line.iter().enumerate() {
            let x = text_left + i as f32 * pitch;
            flow.text_at(x, baseline, &[Span::bold(*group)], size, Ink::Black);
        }
        line_top -= code_lh;
    }
    line_top -= 6.0;
    for line in &hint {
        let baseline = flow.baseline(line_top, note.size, note.line_height());
        flow.place_line(line, text_left, column, baseline, note);
        line_top -= note.line_height();
    }

    let qr_top = top - inset;
    for draw in symbol.draws(qr_left, qr_top, module) {
        flow.draw(draw);
    }
    let mut caption_top = qr_top - side - quiet;
    for line in &caption {
        let lh = caption_style.line_height();
        let baseline = flow.baseline(caption_top, caption_style.size, lh);
        flow.place_line(line, qr_left, side, baseline, caption_style);
        caption_top -= lh;
    }
    flow.move_below(bottom);
    flow.gap(4.0);
    Ok(())
}

/// The trailer `/ID` of a sheet that is no numbered form: a digest of what identifies the sheet.
/// Callers feed it identifying fields only, never the secret the sheet carries, so the file's id
/// reveals nothing about it.
pub(crate) fn sheet_id(bytes: impl IntoIterator<Item = u8>) -> [u8; 16] {
    let (mut high, mut low) = (0x6a09_e667_f3bc_c908_u64, 0xbb67_ae85_84ca_a73b_u64);
    for byte in bytes {
        high = mix(high ^ u64::from(byte));
        low = mix(low.wrapping_add(high));
    }
    let mut id = [0; 16];
    id[..8].copy_from_slice(&high.to_be_bytes());
    id[8..].copy_from_slice(&low.to_be_bytes());
    id
}

/// The bytes that pin an instant exactly (seconds, nanoseconds, offset), for [`sheet_id`].
pub(crate) fn instant_bytes(at: DateTime<FixedOffset>) -> impl Iterator<Item = u8> {
    use chrono::Timelike;
    at.timestamp()
        .to_be_bytes()
        .into_iter()
        .chain(at.nanosecond().to_be_bytes())
        .chain(at.offset().local_minus_utc().to_be_bytes())
}
