//! The extractor end to end, on small documents and on the shipped sample pages.

use crate::ingest::sla::extract::extract;
use crate::model::domain::Priority;
use crate::model::sla::{Language, Schedule, SlaDocument};

#[test]
fn prose_commitments_with_their_lines() {
    let src = "# 服务承诺\n\n紧急问题15分钟内响应,普通工单24小时内首次回复,7×24小时支持。\n如可用性低于99.9%,我们将在故障发生后24小时内提供赔偿。\n";
    let d = extract(src, "sla/x.md", "x");
    assert_eq!(d.language, Language::Zh);
    let got: Vec<_> = d
        .first_response
        .iter()
        .map(|c| (c.priority, c.minutes, c.evidence.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(Priority::Urgent), 15.0, Some(3)),
            (Some(Priority::Normal), 1440.0, Some(3))
        ]
    );
    assert_eq!(d.support_hours.len(), 1);
    assert_eq!(d.support_hours[0].schedule, Schedule::AlwaysOn);
}

#[test]
fn tables_read_cells_with_their_headers() {
    let src = "| Priority | First response | Resolution target |\n|---|---|---|\n| Urgent (P1) | 10 minutes | 4 hours |\n| Low | 1 business day | 5 business days |\n";
    let d = extract(src, "sla/x.md", "x");
    let got: Vec<_> = d
        .first_response
        .iter()
        .map(|c| (c.priority, c.minutes, c.business_hours))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(Priority::Urgent), 10.0, false),
            (Some(Priority::Low), 480.0, true)
        ]
    );
    assert_eq!(d.resolution.len(), 2);
    assert_eq!(d.resolution[0].minutes, Some(240.0));
}

#[test]
fn business_hours_schedules() {
    let d = extract(
        "服务时间:周一至周五 9:00-18:00(北京时间),法定节假日休息。\n",
        "s",
        "x",
    );
    let h = &d.support_hours[0];
    assert_eq!(h.schedule.hours_per_week(), 45.0);
    assert_eq!(h.utc_offset_minutes, Some(480));
    let d = extract("Support: Monday–Friday, 9am to 6pm (UTC+8)\n", "s", "x");
    assert_eq!(d.support_hours[0].schedule.describe(), "Mon-Fri 09:00-18:00");
}

mod sample_pages {
    //! The shipped sample pages, with the commitments a person reads in them (checked by
    //! hand against data/sample/sla/*.md).
    use super::*;
    use Priority::*;

    fn read(vendor: &str, src: &str) -> SlaDocument {
        extract(src, &format!("sla/{vendor}.md"), vendor)
    }

    fn promises(d: &SlaDocument) -> Vec<(Priority, f64, bool)> {
        let mut v: Vec<_> = d
            .first_response
            .iter()
            .filter_map(|c| c.priority.map(|p| (p, c.minutes, c.business_hours)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        v
    }

    fn channels(d: &SlaDocument) -> Vec<&'static str> {
        let mut v: Vec<_> = d.channels.iter().map(|c| c.channel.as_str()).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn swiftchat() {
        let d = read("swiftchat", include_str!("../../../data/sample/sla/swiftchat.md"));
        assert_eq!(d.language, Language::En);
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 10.0, false),
                (High, 60.0, false),
                (Normal, 240.0, false),
                // 1 business day, support 24/7: a day of 24 hours.
                (Low, 1440.0, true)
            ]
        );
        assert_eq!(channels(&d), vec!["chat", "community", "email"]);
        assert_eq!(d.best_hours().map(|h| h.schedule), Some(Schedule::AlwaysOn));
    }

    #[test]
    fn deepwave() {
        let d = read("deepwave", include_str!("../../../data/sample/sla/deepwave.md"));
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 60.0, false),
                (High, 240.0, false),
                // 1 and 2 business days of Mon-Fri 08:00-20:00.
                (Normal, 720.0, true),
                (Low, 1440.0, true)
            ]
        );
        assert_eq!(
            channels(&d),
            vec!["dedicated_manager", "email", "im_group", "phone", "ticket"]
        );
        let weekly = d
            .support_hours
            .iter()
            .find(|h| h.schedule != Schedule::AlwaysOn)
            .unwrap();
        assert_eq!(weekly.schedule.describe(), "Mon-Fri 08:00-20:00");
        assert_eq!(weekly.utc_offset_minutes, Some(480));
    }

    #[test]
    fn qingluan() {
        let d = read("qingluan", include_str!("../../../data/sample/sla/qingluan.md"));
        assert_eq!(d.language, Language::Zh);
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 15.0, false),
                (High, 60.0, false),
                (Normal, 1440.0, false),
                // 3个工作日, support 7×24: days of 24 hours.
                (Low, 4320.0, true)
            ]
        );
        assert_eq!(
            channels(&d),
            vec!["chat", "dedicated_manager", "im_group", "phone", "ticket"]
        );
        assert_eq!(d.best_hours().map(|h| h.schedule), Some(Schedule::AlwaysOn));
    }

    #[test]
    fn leqiao() {
        let d = read("leqiao", include_str!("../../../data/sample/sla/leqiao.md"));
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 30.0, true),
                (High, 120.0, true),
                // 1 and 2 business days of 周一至周五 9:00-18:00.
                (Normal, 540.0, true),
                (Low, 1080.0, true)
            ]
        );
        assert_eq!(channels(&d), vec!["chat", "email", "ticket"]);
        let h = d.best_hours().unwrap();
        assert_eq!(h.schedule.hours_per_week(), 45.0);
    }
}

#[test]
fn business_days_are_days_of_the_documents_schedule() {
    // The schedule comes after the promises: the whole document is read before the rule.
    let src = "| Priority | First response | Resolution target |\n|---|---|---|\n| Low | 1 business day | 5 business days |\n\nSupport hours: Monday–Friday 09:00–18:00 (UTC+8).\n";
    let d = extract(src, "sla/x.md", "x");
    assert_eq!(d.first_response[0].minutes, 540.0);
    assert_eq!(d.first_response[0].business_days, Some(1.0));
    assert_eq!(d.resolution[0].minutes, Some(2700.0));
}

mod exceptions_and_levels {
    //! Exception clauses limit the statement they are attached to; a plan's customers scope
    //! hours to that plan; a level named twice in one sentence is not two promises for it.
    use super::*;

    fn hours(d: &SlaDocument) -> Vec<(Option<&str>, String, Option<i32>)> {
        d.support_hours
            .iter()
            .map(|h| (h.plan.as_deref(), h.schedule.describe(), h.utc_offset_minutes))
            .collect()
    }

    fn levels(d: &SlaDocument) -> Vec<(Option<&str>, Option<Priority>, f64)> {
        d.first_response
            .iter()
            .map(|c| (c.plan.as_deref(), c.priority, c.minutes))
            .collect()
    }

    #[test]
    fn an_exception_does_not_make_the_vendor_7x24() {
        let d = extract(
            "Our plans: Starter, Growth and Premier.\n\nMonday to Friday, 08:00-20:00 (UTC+8), except for Severity 1 issues on the Premier plan, which are handled 24/7.\n",
            "s",
            "x",
        );
        assert_eq!(
            hours(&d),
            vec![
                (None, "Mon-Fri 08:00-20:00".to_string(), Some(480)),
                // The excepted case, as its own narrower fact: the plan it names only.
                (Some("Premier"), "24x7".to_string(), None)
            ]
        );
        // An exception that names no plan (a kind of issue) gives no hours of its own.
        let d = extract(
            "服务时间为工作日 9:00-18:00（北京时间），但紧急故障 7×24 小时受理。\n",
            "s",
            "x",
        );
        assert_eq!(
            hours(&d),
            vec![(None, "Mon-Fri 09:00-18:00".to_string(), Some(480))]
        );
        let d = extract(
            "除旗舰版客户享有 7×24 小时支持外，服务时间为周一至周五 9:00-18:00（北京时间）。\n",
            "s",
            "x",
        );
        assert_eq!(
            hours(&d),
            vec![
                (Some("旗舰版"), "24x7".to_string(), None),
                (None, "Mon-Fri 09:00-18:00".to_string(), Some(480))
            ]
        );
    }

    #[test]
    fn a_plans_customers_scope_hours_to_that_plan() {
        // A 24/7 elsewhere on the line does not leak into Growth's hours.
        let d = extract(
            "Support is 24/7 for Premier customers. Growth customers are supported Mon-Fri 09:00-18:00 (UTC+0).\nGrowth customers are supported Mon-Fri 09:00-18:00 (UTC+0), Premier customers 24/7.\n",
            "s",
            "x",
        );
        assert_eq!(
            hours(&d),
            vec![
                (Some("Premier"), "24x7".to_string(), None),
                (Some("Growth"), "Mon-Fri 09:00-18:00".to_string(), Some(0)),
                (Some("Growth"), "Mon-Fri 09:00-18:00".to_string(), Some(0)),
                (Some("Premier"), "24x7".to_string(), None)
            ]
        );
        // "9 a.m. - 6 p.m.": abbreviations end no sentence, and the time reads on.
        let d = extract(
            "Growth customers are supported Mon. - Fri., 9 a.m. - 6 p.m. (UTC+8). Premier customers get 24/7 support.\n",
            "s",
            "x",
        );
        assert_eq!(
            hours(&d),
            vec![
                (Some("Growth"), "Mon-Fri 09:00-18:00".to_string(), Some(480)),
                (Some("Premier"), "24x7".to_string(), None)
            ]
        );
    }

    #[test]
    fn an_exception_keeps_its_plans_to_itself_in_promises() {
        let d = extract(
            "P1 tickets are answered within 1 hour, except on the Premier plan, where P1 tickets are answered within 15 minutes.\nNormal requests get a response within 8 hours for all plans except Free.\n",
            "s",
            "x",
        );
        assert_eq!(
            levels(&d),
            vec![
                (None, Some(Priority::Urgent), 60.0),
                (Some("Premier"), Some(Priority::Urgent), 15.0),
                (None, Some(Priority::Normal), 480.0)
            ]
        );
    }

    #[test]
    fn a_level_named_twice_in_a_sentence_is_not_two_promises_for_it() {
        // 一般咨询类: the inquiry class (Low), not a second normal promise.
        let d = extract("普通问题2小时内首次回复,一般咨询类问题次日回复。\n", "s", "x");
        assert_eq!(
            levels(&d),
            vec![
                (None, Some(Priority::Normal), 120.0),
                (None, Some(Priority::Low), 1440.0)
            ]
        );
        // No other class named: the later promise has no level.
        let d = extract("普通问题2小时内首次回复,一般问题次日回复。\n", "s", "x");
        assert_eq!(
            levels(&d),
            vec![(None, Some(Priority::Normal), 120.0), (None, None, 1440.0)]
        );
        let d = extract(
            "Medium issues get a first response within 4 hours, minor questions within 2 days.\n",
            "s",
            "x",
        );
        assert_eq!(
            levels(&d),
            vec![(None, Some(Priority::Normal), 240.0), (None, None, 2880.0)]
        );
        // The same duration again, or the same level in another sentence, stays as it was.
        let d = extract(
            "普通问题2小时内首次回复,一般问题2小时内回复。\n一般问题次日回复。\n",
            "s",
            "x",
        );
        assert_eq!(
            levels(&d),
            vec![
                (None, Some(Priority::Normal), 120.0),
                (None, Some(Priority::Normal), 1440.0)
            ]
        );
    }

    #[test]
    fn one_plan_per_clause_in_a_sentence_naming_several() {
        let d = extract(
            "青岚云信提供标准版、专业版和旗舰版三种服务。\n紧急故障：旗舰版 15 分钟内响应，专业版 30 分钟内响应，标准版 2 小时内响应。\n",
            "s",
            "x",
        );
        assert_eq!(
            levels(&d),
            vec![
                (Some("旗舰版"), Some(Priority::Urgent), 15.0),
                (Some("专业版"), Some(Priority::Urgent), 30.0),
                (Some("标准版"), Some(Priority::Urgent), 120.0)
            ]
        );
        // Plans named together in one clause share its promise.
        let d = extract("基础版、专业版 P1 15 分钟内响应，P2 1 小时内响应。\n", "s", "x");
        assert_eq!(d.first_response.len(), 4);
    }

    #[test]
    fn channels_are_not_offered_to_an_excepted_plan() {
        let channels = |src: &str| -> Vec<(String, Option<String>)> {
            extract(src, "s", "x")
                .channels
                .iter()
                .map(|c| (c.channel.as_str().to_string(), c.plan.clone()))
                .collect()
        };
        let plans = "青岚云信提供标准版、专业版和旗舰版三种服务。\n";
        for line in [
            "所有版本均提供电话支持，标准版除外。",
            "除标准版外，所有版本均提供电话支持。",
        ] {
            assert_eq!(
                channels(&format!("{plans}{line}\n")),
                vec![("phone".to_string(), None)],
                "{line}"
            );
        }
        // Plan words across a list separator are read apart ("Growth and Premier": both).
        assert_eq!(
            channels(
                "Plans: Starter, Growth and Premier.\nGrowth and Premier: live chat with an engineer.\n"
            ),
            vec![
                ("chat".to_string(), Some("Growth".to_string())),
                ("chat".to_string(), Some("Premier".to_string()))
            ]
        );
    }

    #[test]
    fn a_chinese_topic_heading_used_again_is_no_plan() {
        let d = extract(
            "## 服务时间\n\n人工服务时间为周一至周五 9:00-18:00（北京时间）。\n\n## 联系方式\n\n联系方式：电话、邮件。\n",
            "s",
            "x",
        );
        assert_eq!(d.support_hours[0].plan, None);
        assert!(d.channels.iter().all(|c| c.plan.is_none()));
    }
}

/// A table flattened one cell per line under plan names given once, one of them not a common
/// plan word: each value is that plan's, named without its plan word.
#[test]
fn plans_named_once_above_a_flattened_table_are_the_plans_of_its_values() {
    let src = "Support targets\n\nBasic Support\n\nExtended Support\n\nPriority 1 Response Time*\n(within Support Hours)\n\n1 day\n\n4 hours\n";
    let d = super::read_document(src.as_bytes(), "t.txt", "v").expect("a text document");
    let got: Vec<(Option<&str>, f64)> = d
        .first_response
        .iter()
        .map(|c| (c.plan.as_deref(), c.minutes))
        .collect();
    assert_eq!(got, vec![(Some("Basic"), 1440.0), (Some("Extended"), 240.0)]);
}
