using Engagement.Organizations;
using Engagement.Suggestions;

namespace Engagement.Demo;

/// <summary>
/// The demo data: the real meeting of 14 July 2023 (built only from the seed text, which is embedded in this assembly)
/// and a synthetic history from August 2023 to today. Every synthetic organisation, person, meeting title and summary,
/// suggestion and commitment starts with <see cref="Synthetic"/>. Nothing is random: the same day gives the same data.
/// Recent dates are counted back from today so that the dashboard always has active, cooling and dormant
/// stakeholders, commitments due soon and overdue ones.
/// </summary>
internal static class DemoData
{
    public const string Synthetic = "[synthetic]";

    public const string SeedTextResource = "Engagement.Demo.seed-meeting-2023-07-14.txt";
    public const string ChamberName = "American Chamber of Commerce in China (AmCham China)";
    public const string MinistryName = "Ministry of Science and Technology";
    public const string MemberCompaniesName = "AmCham China member companies (unnamed in the source)";
    public const string SeedMeetingTitle = "Vice Minister Zhang Guangjun Meets AmCham China President Michael Hart";
    public static readonly DateOnly SeedMeetingDay = new(2023, 7, 14);

    /// <summary>The person whose change of post is the loader's last write: finding it changed means the load completed.</summary>
    public const string LastWritePerson = Synthetic + " Li Na";

    public static string SeedText()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(SeedTextResource)
            ?? throw new InvalidOperationException($"The embedded resource {SeedTextResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static DemoPlan Build(DateOnly today)
    {
        DateOnly Ago(int days) => today.AddDays(-days);
        DateOnly In(int days) => today.AddDays(days);
        static DateOnly D(int year, int month, int day) => new(year, month, day);
        static string S(string text) => $"{Synthetic} {text}";

        // Topics, shared across meetings and suggestions so that "open asks by topic" groups them.
        const string techRelations = "China-US technology relations";
        const string techPolicies = "China's technology policies";
        const string foreignParticipation = "Foreign enterprises' participation in China's technology development";
        const string innovation = "Innovation ecosystem";
        const string foreignRnD = "Foreign enterprises' R&D in China";
        const string marketAccess = "Market access";
        const string incentives = "Investment incentives";
        const string permits = "Licensing and permits";
        const string customs = "Customs and trade facilitation";
        const string data = "Cross-border data";
        const string ip = "Intellectual property protection";
        const string standards = "Standards participation";
        const string procurement = "Government procurement";
        const string talent = "Talent and visas";

        var organizations = new List<OrganizationPlan>
        {
            // From the seed text.
            new("most", MinistryName, OrganizationKind.Government, "China"),
            new("chamber", ChamberName, OrganizationKind.Chamber, "China"),
            new("members", MemberCompaniesName, OrganizationKind.Member, null),
            // Synthetic government bodies.
            new("trade", S("Ministry of Trade and Investment"), OrganizationKind.Government, "China"),
            new("industry", S("Ministry of Industry and Digital Economy"), OrganizationKind.Government, "China"),
            new("bureau", S("Riverside Municipal Commerce Bureau"), OrganizationKind.Government, "China"),
            new("customs", S("Riverside Customs District"), OrganizationKind.Government, "China"),
            new("dataoffice", S("Cross-Border Data Security Office"), OrganizationKind.Government, "China"),
            new("ipa", S("Patent and Trademark Administration"), OrganizationKind.Government, "China"),
            new("province", S("Eastland Provincial Development and Reform Commission"), OrganizationKind.Government, "China"),
            // Synthetic member companies.
            new("bluestone", S("Bluestone Medical Devices"), OrganizationKind.Member, "United States"),
            new("cedar", S("Cedar Ridge Semiconductors"), OrganizationKind.Member, "United States"),
            new("harbor", S("Harbor Logistics Group"), OrganizationKind.Member, "United States"),
            new("meridian", S("Meridian Consumer Brands"), OrganizationKind.Member, "United States"),
            new("summit", S("Summit Cloud Services"), OrganizationKind.Member, "United States"),
            new("lakeshore", S("Lakeshore Agricultural Products"), OrganizationKind.Member, "United States"),
            new("ironwood", S("Ironwood Industrial Automation"), OrganizationKind.Member, "United States"),
        };

        var since = D(2023, 6, 1);
        var people = new List<PersonPlan>
        {
            // From the seed text: the post each held on the day of the meeting.
            new("zhang", "Zhang Guangjun", "Vice Minister of Science and Technology", "most", SeedMeetingDay),
            new("hart", "Michael Hart", "President", "chamber", SeedMeetingDay),
            // Synthetic chamber staff.
            new("bennett", S("Laura Bennett"), "Vice President, Government Affairs", "chamber", since),
            new("wu", S("Daniel Wu"), "Director, Policy and Advocacy", "chamber", since),
            // Synthetic officials.
            new("chen", S("Chen Ming"), "Director-General, Department of Foreign Investment", "trade", since),
            new("lina", LastWritePerson, "Deputy Director-General, Department of Digital Industry", "industry", since),
            new("wang", S("Wang Jun"), "Deputy Director", "bureau", since),
            new("zhao", S("Zhao Lei"), "Section Chief, Trade Facilitation", "customs", since),
            new("sun", S("Sun Yan"), "Division Director, Examination Policy", "ipa", since),
            new("liu", S("Liu Qiang"), "Deputy Director, Foreign Investment Division", "province", since),
            new("he", S("He Jing"), "Deputy Director-General, Department of Digital Industry", "industry", D(2025, 3, 1)),
            // Synthetic member executives.
            new("reynolds", S("Mark Reynolds"), "General Manager, China", "bluestone", since),
            new("lin", S("Sarah Lin"), "Head of Government Relations", "cedar", since),
            new("fischer", S("Tom Fischer"), "Managing Director", "harbor", since),
            new("ezhang", S("Emily Zhang"), "Director, Public Affairs", "meridian", since),
            new("park", S("Kevin Park"), "Country Manager", "summit", since),
            new("huang", S("Grace Huang"), "Regulatory Affairs Lead", "lakeshore", since),
            new("klein", S("Robert Klein"), "President, Asia Pacific", "ironwood", since),
        };

        // Li Na moves from the ministry to head the data office; meetings before show her old post, later ones the new.
        var postChanges = new List<PostChangePlan>
        {
            new("lina", "Director", "dataoffice", D(2025, 2, 1)),
        };

        var meetings = new List<MeetingPlan>
        {
            // ---- The seed: the real meeting, from the source text only. No due dates are in the source, and nothing
            // ---- after the meeting is recorded, so its asks and commitments stay open.
            new(SeedMeetingTitle, SeedMeetingDay, null, ["most", "chamber", "members"], ["zhang", "hart"],
                [techRelations, techPolicies, foreignParticipation],
                "Vice Minister Zhang Guangjun met Michael Hart, President of the American Chamber of Commerce in China " +
                "(AmCham China), and representatives from member companies of the chamber. They discussed China-US " +
                "technology relations, China's technology policies, and how foreign enterprises can better take part in " +
                "China's technology development. Zhang Guangjun said that the Ministry of Science and Technology would like " +
                "to enhance communication with the chamber and its member companies, listen to their demands, and guide and " +
                "support scientific research cooperation between the industrial sectors of both countries. Michael Hart said " +
                "the chamber is committed to helping American companies operating in China provide suggestions and advice to " +
                "the government; the chamber advocates rebuilding communication mechanisms between the United States and China, " +
                "and restarting and encouraging people-to-people exchanges, through initiatives such as releasing the " +
                "\"White Paper on American Companies in China\" and organising events like the \"Washington DC Doorknock\" " +
                "program, and will continue acting as a bridge between the two countries. Representatives from member " +
                "companies presented suggestions concerning optimising the innovation ecosystem and supporting foreign " +
                "enterprises to conduct research and development in China.")
            {
                IsSeed = true,
                Notes = [new NotePlan("Source text of the announcement, copied verbatim:\n\n" + SeedText(), SeedMeetingDay)],
                Suggestions =
                [
                    new(null, "members", "most", innovation,
                        "Optimise the innovation ecosystem (suggestion presented by representatives of AmCham China member " +
                        "companies; the source does not name the companies)."),
                    new(null, "members", "most", foreignRnD,
                        "Support foreign enterprises to conduct research and development in China (suggestion presented by " +
                        "representatives of AmCham China member companies; the source does not name the companies)."),
                ],
                Commitments =
                [
                    new("most", "Enhance communication with the chamber and its member companies, and listen to their demands.",
                        null, null),
                    new("most", "Guide and support scientific research cooperation between the industrial sectors of both countries.",
                        null, null),
                    new("chamber", "Release the \"White Paper on American Companies in China\".", null, null),
                    new("chamber", "Organise the \"Washington DC Doorknock\" program.", null, null),
                    new("chamber", "Continue acting as a bridge to enhance communication and cooperation between the two countries.",
                        null, null),
                ]
            },

            // ---- Synthetic history from here on.
            new(S("Foreign investment roundtable with the Ministry of Trade and Investment"), D(2023, 9, 12), "Beijing",
                ["trade", "chamber", "bluestone", "cedar", "meridian"], ["chen", "bennett", "reynolds", "lin", "ezhang"],
                [marketAccess, incentives],
                S("First roundtable of the season: members set out market-access cases for medical devices and cosmetics; " +
                  "the department asked for written cases."))
            {
                Suggestions =
                [
                    new("licensing-list", "bluestone", "trade", marketAccess,
                        S("Publish a single list of the licences an imported medical device needs, with the issuing authority for each."),
                        new Respond(D(2023, 11, 2), "The department will compile the list with the regulators concerned."),
                        new Resolve(D(2024, 2, 20), SuggestionOutcome.Adopted, "List published on the ministry's website.")),
                    new(null, "meridian", "trade", marketAccess,
                        S("Apply national treatment in the registration of imported cosmetics."),
                        new Respond(D(2023, 12, 1), "Raised with the registration authority; a simplified route is being drafted."),
                        new Resolve(D(2024, 4, 15), SuggestionOutcome.PartiallyAdopted,
                            "Simplified route for general cosmetics; special-use products unchanged.")),
                ],
                Commitments =
                [
                    new("chamber", S("Send the department a consolidated note of members' market-access cases."), D(2023, 10, 15),
                        null, new Fulfil(D(2023, 10, 10), "Note with 14 cases sent.")),
                    new("trade", S("Reply in writing to the licence-list suggestion."), D(2023, 11, 30), "licensing-list",
                        new Fulfil(D(2023, 11, 2), null)),
                ]
            },

            new(S("Customs clearance working session"), D(2023, 10, 24), "Riverside", ["customs", "chamber", "harbor", "lakeshore"],
                ["zhao", "wu", "fischer", "huang"], [customs],
                S("Working session on clearance times for bonded transfers and chilled agricultural imports."))
            {
                Suggestions =
                [
                    new(null, "harbor", "customs", customs,
                        S("Extend the advance-ruling scheme to transfers between bonded warehouses."),
                        new Respond(D(2023, 12, 15), "Under review with the national administration."),
                        new Resolve(D(2024, 3, 1), SuggestionOutcome.Declined, "Outside the district's remit; referred to national level.")),
                    new("chilled-imports", "lakeshore", "customs", customs,
                        S("Shorten inspection times for chilled agricultural imports."),
                        new Respond(D(2024, 1, 10), "A green lane for chilled goods will be piloted in the spring."),
                        new Resolve(D(2024, 5, 20), SuggestionOutcome.Adopted, "Green lane in operation since April."),
                        new Reopen(D(2024, 9, 3), "Inspection times rose again during the summer peak."),
                        new Respond(D(2024, 10, 15), "The district will review peak-season staffing of the green lane.")),
                ],
                Commitments =
                [
                    new("customs", S("Pilot a green lane for chilled imports."), D(2024, 3, 31), "chilled-imports",
                        new Progress(D(2024, 3, 5), "Pilot procedures drafted."),
                        new Fulfil(D(2024, 4, 22), "Green lane opened, three weeks late.")),
                    new("chamber", S("Collect members' data on clearance times."), D(2023, 12, 31), null,
                        new Fulfil(D(2023, 12, 20), "Data from nine members shared with the district.")),
                ]
            },

            new(S("Members' briefing on cross-border data rules"), D(2023, 11, 15), "Beijing",
                ["industry", "chamber", "cedar", "summit"], ["lina", "bennett", "lin", "park"], [data],
                S("The department briefed members on the data export assessment; members asked for clarity on important data."))
            {
                Suggestions =
                [
                    new(null, "summit", "industry", data,
                        S("Clarify which data counts as important data in cloud services."),
                        new Respond(D(2024, 2, 1), "Sector catalogues of important data are being prepared."),
                        new Resolve(D(2024, 6, 30), SuggestionOutcome.PartiallyAdopted, "Catalogue published for manufacturing, not yet for cloud.")),
                ],
                Commitments =
                [
                    new("industry", S("Hold a technical Q&A session on data export assessments."), D(2024, 1, 31), null,
                        new Cancel(D(2024, 2, 15), "Superseded by new regulations; the department will brief members in the spring instead.")),
                    new("chamber", S("Compile members' questions on data export assessments."), D(2023, 12, 15), null,
                        new Fulfil(D(2023, 12, 12), null)),
                ]
            },

            new(S("New Year meeting with the Riverside Municipal Commerce Bureau"), D(2024, 1, 18), "Riverside",
                ["bureau", "chamber", "harbor", "ironwood"], ["wang", "bennett", "fischer", "klein"], [incentives, permits],
                S("Annual meeting with the bureau on subsidies for advanced manufacturing and permit renewals."))
            {
                Suggestions =
                [
                    new("subsidy-criteria", "ironwood", "bureau", incentives,
                        S("Publish the criteria for the advanced-manufacturing subsidy in English."),
                        new Respond(D(2024, 3, 5), "Translation commissioned."),
                        new Resolve(D(2024, 5, 10), SuggestionOutcome.Adopted, "English criteria published.")),
                    new(null, "harbor", "bureau", permits,
                        S("Allow online renewal of warehouse operating permits."),
                        new Resolve(D(2024, 4, 2), SuggestionOutcome.Withdrawn, "The member moved its warehouse out of the municipality.")),
                ],
                Commitments =
                [
                    new("bureau", S("Translate the subsidy guidelines into English."), D(2024, 4, 30), "subsidy-criteria",
                        new Fulfil(D(2024, 5, 10), null)),
                    new("chamber", S("Host the bureau at the chamber's spring investment forum."), D(2024, 4, 20), null,
                        new Fulfil(D(2024, 4, 18), null)),
                ]
            },

            new(S("Intellectual property enforcement dialogue"), D(2024, 3, 7), "Beijing",
                ["ipa", "chamber", "bluestone", "meridian", "ironwood"], ["sun", "wu", "reynolds", "ezhang", "klein"], [ip],
                S("Dialogue on counterfeit listings online and on patent invalidation."))
            {
                Suggestions =
                [
                    new(null, "meridian", "ipa", ip,
                        S("Speed up action against counterfeit listings on e-commerce platforms."),
                        new Respond(D(2024, 5, 6), "The administration is discussing notice-and-takedown times with the platforms.")),
                    new(null, "ironwood", "ipa", ip,
                        S("Publish anonymised statistics on patent invalidation outcomes."),
                        new Resolve(D(2024, 7, 1), SuggestionOutcome.Declined, "The administration does not publish outcome statistics by applicant origin.")),
                ],
                Commitments =
                [
                    new("ipa", S("Share the draft enforcement guideline with the chamber for comment."), D(2024, 6, 30), null),
                    new("chamber", S("Send members' comments on the draft enforcement guideline within 30 days of receiving it."),
                        null, null),
                ]
            },

            new(S("Spring meeting with the Ministry of Industry and Digital Economy"), D(2024, 4, 23), "Beijing",
                ["industry", "chamber", "cedar", "summit", "ironwood"], ["lina", "bennett", "lin", "park", "klein"],
                [data, standards],
                S("Follow-up on data export rules and on foreign-invested members' place in standards working groups."))
            {
                Suggestions =
                [
                    new(null, "cedar", "industry", standards,
                        S("Open the semiconductor standards working groups to foreign-invested members."),
                        new Respond(D(2024, 6, 12), "Two working groups will accept observers."),
                        new Resolve(D(2024, 11, 20), SuggestionOutcome.PartiallyAdopted, "Observer seats in two of five working groups.")),
                ],
                Commitments =
                [
                    new("industry", S("Brief members on the data export regulations."), D(2024, 6, 30), null,
                        new Fulfil(D(2024, 6, 25), "Briefing held at the chamber.")),
                    new("chamber", S("Nominate member experts for the standards working groups."), D(2024, 7, 31), null,
                        new Fulfil(D(2024, 7, 29), "Six experts nominated.")),
                ]
            },

            new(S("Eastland provincial investment promotion meeting"), D(2024, 6, 5), "Eastland",
                ["province", "chamber", "lakeshore", "bluestone"], ["liu", "wu", "huang", "reynolds"], [incentives, permits],
                S("Investment promotion meeting; members raised land-use approvals for expansions."))
            {
                Suggestions =
                [
                    new("land-use", "lakeshore", "province", permits,
                        S("Simplify the land-use approval for expanding food processing plants.")),
                ],
                Commitments =
                [
                    new("province", S("Assign a single contact for members' investment projects."), D(2024, 7, 15), null,
                        new Fulfil(D(2024, 7, 2), null)),
                    new("chamber", S("Arrange a member site visit for the commission."), D(2024, 9, 30), null,
                        new Cancel(D(2024, 9, 10), "The commission's schedule did not allow a visit in 2024.")),
                ]
            },

            new(S("Trade facilitation follow-up"), D(2024, 7, 17), "Riverside", ["customs", "chamber", "harbor", "lakeshore"],
                ["zhao", "wu", "fischer", "huang"], [customs],
                S("Follow-up on electronic certificates of origin and on publishing clearance times."))
            {
                Suggestions =
                [
                    new(null, "harbor", "customs", customs,
                        S("Accept electronic certificates of origin from all partner economies."),
                        new Respond(D(2024, 9, 2), "Systems are being connected with the remaining partners."),
                        new Resolve(D(2025, 1, 15), SuggestionOutcome.Adopted, "Accepted from all partner economies since January.")),
                ],
                Commitments =
                [
                    new("customs", S("Publish average clearance times every quarter."), D(2024, 10, 31), null,
                        new Progress(D(2024, 11, 5), "First report published for the third quarter of 2024."),
                        new Progress(D(2025, 5, 12), "Reports are still compiled by hand; automation planned."),
                        new MoveDueDate(In(14), "The district asked for more time to automate the quarterly report.")),
                ]
            },

            new(S("Doorknock preparation call with member companies"), D(2024, 9, 10), null,
                ["chamber", "bluestone", "cedar", "summit"], ["bennett", "wu", "reynolds", "lin", "park"], [marketAccess],
                S("Internal call to agree the chamber's advocacy priorities."))
            {
                Suggestions =
                [
                    new(null, "summit", "chamber", marketAccess,
                        S("Include market access for cloud services in the chamber's advocacy priorities."),
                        new Respond(D(2024, 10, 1), "Added to the draft priorities."),
                        new Resolve(D(2024, 10, 20), SuggestionOutcome.Adopted, null)),
                ],
                Commitments =
                [
                    new("chamber", S("Circulate the draft advocacy priorities to members."), D(2024, 10, 15), null,
                        new Fulfil(D(2024, 10, 14), null)),
                ]
            },

            new(S("Annual consultation with the Ministry of Trade and Investment"), D(2024, 11, 12), "Beijing",
                ["trade", "chamber", "bluestone", "harbor", "meridian", "ironwood"],
                ["chen", "bennett", "reynolds", "fischer", "ezhang", "klein"], [marketAccess, procurement],
                S("Annual consultation; government procurement rules dominated."))
            {
                Notes = [new NotePlan(S("Follow-up call: the department confirmed it received the procurement case studies."),
                    D(2025, 2, 4))],
                Suggestions =
                [
                    new(null, "bluestone", "trade", procurement,
                        S("Clarify the domestic-product criteria in public procurement of medical devices."),
                        new Respond(D(2025, 1, 20), "The criteria will be set out in the implementing rules.")),
                    new("domestic-supplier", "ironwood", "trade", procurement,
                        S("Let foreign-invested manufacturers qualify as domestic suppliers for goods made in China.")),
                ],
                Commitments =
                [
                    new("trade", S("Circulate the draft procurement implementing rules for comment."), D(2025, 3, 31), null),
                    new("chamber", S("Provide case studies of exclusions from public procurement."), D(2025, 1, 31), null,
                        new Fulfil(D(2025, 1, 28), "Seven case studies sent.")),
                ]
            },

            new(S("Patent examination working lunch"), D(2025, 1, 9), "Beijing", ["ipa", "chamber", "cedar"],
                ["sun", "wu", "lin"], [ip],
                S("Working lunch on supplementary data in semiconductor patent applications."))
            {
                Suggestions =
                [
                    new(null, "cedar", "ipa", ip,
                        S("Accept supplementary experimental data filed after the application date for semiconductor patents."),
                        new Respond(D(2025, 3, 3), "An amendment to the examination guidelines is planned."),
                        new Resolve(D(2025, 6, 10), SuggestionOutcome.PartiallyAdopted, "Accepted where the effect was disclosed at filing.")),
                ],
                Commitments =
                [
                    new("ipa", S("Send the timetable for the examination guideline amendment."), D(2025, 2, 28), null,
                        new Fulfil(D(2025, 3, 3), null)),
                ]
            },

            new(S("Introductory meeting with the Cross-Border Data Security Office"), D(2025, 2, 20), "Beijing",
                ["dataoffice", "chamber", "summit", "cedar"], ["lina", "bennett", "park", "lin"], [data],
                S("First meeting with the new office, now headed by a former counterpart at the industry ministry."))
            {
                Suggestions =
                [
                    new(null, "summit", "dataoffice", data,
                        S("Publish a model contract clause for intra-group data transfers."),
                        new Respond(D(2025, 4, 15), "A model clause is being drafted."),
                        new Resolve(D(2025, 7, 1), SuggestionOutcome.Adopted, "Model clause published.")),
                ],
                Commitments =
                [
                    new("dataoffice", S("Issue FAQs on the certification route for data export."), D(2025, 5, 31), null,
                        new Fulfil(D(2025, 6, 20), "FAQs published three weeks late.")),
                    new("chamber", S("Run a member workshop on the certification route."), D(2025, 7, 31), null,
                        new Fulfil(D(2025, 7, 15), null)),
                ]
            },

            new(S("Quarterly meeting with the Riverside Municipal Commerce Bureau"), D(2025, 4, 8), "Riverside",
                ["bureau", "chamber", "meridian", "ironwood"], ["wang", "wu", "ezhang", "klein"], [incentives, talent],
                S("Quarterly meeting on incentives and on residence permits for foreign technical staff."))
            {
                Suggestions =
                [
                    new("permits", "meridian", "bureau", talent,
                        S("Extend residence permits for foreign technical staff to five years."),
                        new Respond(D(2025, 6, 3), "Raised with the municipal public security bureau."),
                        new Resolve(D(2025, 8, 12), SuggestionOutcome.Declined, "Permit terms are set nationally.")),
                ],
                Commitments =
                [
                    new("bureau", S("Raise the residence permit question with the municipal public security bureau."),
                        D(2025, 5, 31), "permits", new Fulfil(D(2025, 6, 3), null)),
                ]
            },

            new(S("Agricultural investment follow-up in Eastland"), D(2025, 6, 17), "Eastland", ["province", "chamber", "lakeshore"],
                ["liu", "wu", "huang"], [permits],
                S("Follow-up on food production licences and on the land-use question from June 2024."))
            {
                Suggestions =
                [
                    new(null, "lakeshore", "province", permits,
                        S("Commit to a processing time for food production licences."),
                        new Respond(D(2025, 8, 5), "A 20-working-day target is under discussion.")),
                ],
                Commitments =
                [
                    new("province", S("Report back on the land-use approval question raised in June 2024."), D(2025, 9, 30),
                        "land-use"),
                ]
            },

            new(S("Autumn policy dialogue with the Ministry of Industry and Digital Economy"), D(2025, 9, 16), "Beijing",
                ["industry", "chamber", "cedar", "summit", "ironwood"], ["he", "bennett", "lin", "park", "klein"],
                [standards, data],
                S("First dialogue with the department's new deputy director-general; standards committees and data rules."))
            {
                Suggestions =
                [
                    new("committee-rules", "ironwood", "industry", standards,
                        S("Publish the membership rules of the industrial automation standards committee.")),
                ],
                Commitments =
                [
                    new("industry", S("Invite member experts to the standards committee's open session."), D(2025, 12, 31), null),
                    new("chamber", S("Translate summaries of the committee's draft standards for members."), D(2025, 11, 30), null,
                        new Fulfil(D(2025, 11, 20), null)),
                ]
            },

            // ---- The last year, counted back from today.
            new(S("Customs year-end review"), Ago(370), "Riverside", ["customs", "chamber", "harbor"], ["zhao", "wu", "fischer"],
                [customs], S("Year-end review of trade facilitation measures."))
            {
                Suggestions =
                [
                    new(null, "harbor", "customs", customs,
                        S("Recognise the chamber's authorised-economic-operator training as meeting the district's training requirement."),
                        new Respond(Ago(330), "Under consideration."),
                        new Resolve(Ago(300), SuggestionOutcome.Withdrawn, "The training requirement was dropped nationally.")),
                ],
                Commitments =
                [
                    new("customs", S("Share a summary of next year's inspection plan with members."), Ago(300), null,
                        new Fulfil(Ago(310), null)),
                ]
            },

            new(S("Procurement rules follow-up with the Ministry of Trade and Investment"), Ago(300), "Beijing",
                ["trade", "chamber", "bluestone", "ironwood"], ["chen", "bennett", "reynolds", "klein"], [procurement],
                S("Follow-up on the procurement implementing rules, still in draft."))
            {
                Suggestions =
                [
                    new(null, "bluestone", "trade", procurement,
                        S("Give suppliers 60 days to comment on the draft procurement rules."),
                        new Respond(Ago(260), "The comment period will be at least 30 days.")),
                ],
                Commitments =
                [
                    new("trade", S("Confirm the timetable for the procurement implementing rules."), Ago(240), "domestic-supplier"),
                    new("chamber", S("Submit a consolidated member position on the procurement rules."), Ago(270), null,
                        new Fulfil(Ago(275), null)),
                ]
            },

            new(S("Intellectual property enforcement dialogue, second round"), Ago(240), "Beijing",
                ["ipa", "chamber", "meridian", "ironwood"], ["sun", "wu", "ezhang", "klein"], [ip],
                S("Second round on online counterfeits."))
            {
                Suggestions =
                [
                    new(null, "meridian", "ipa", ip,
                        S("Set up a fast-track complaint channel for repeat counterfeit sellers."),
                        new Respond(Ago(200), "A fast track is being piloted with two platforms."),
                        new Resolve(Ago(150), SuggestionOutcome.Adopted, "Fast-track channel open to all rights holders.")),
                ],
                Commitments =
                [
                    new("chamber", S("Share members' counterfeit case data every quarter."), null, null,
                        new Progress(Ago(150), "First quarterly data set shared."),
                        new Progress(Ago(60), "Second quarterly data set shared.")),
                ]
            },

            new(S("Certification experience review with the Cross-Border Data Security Office"), Ago(150), "Beijing",
                ["dataoffice", "chamber", "summit", "cedar", "bluestone"], ["lina", "bennett", "park", "lin", "reynolds"], [data],
                S("Review of members' first year with the certification route."))
            {
                Suggestions =
                [
                    new("health-data", "bluestone", "dataoffice", data,
                        S("Exempt clinical trial data already approved by health regulators from a second assessment.")),
                ],
                Commitments =
                [
                    new("dataoffice", S("Consider a simplified route for health data and report back."), Ago(60), "health-data",
                        new Progress(Ago(90), "Draft route shared with the chamber for comment."),
                        new Fulfil(Ago(58), "Reported back: approved clinical-trial data takes the simplified route from next quarter.")),
                    new("chamber", S("Provide anonymised examples of duplicate assessments."), Ago(150), null,
                        new Cancel(Ago(140), "Members could not share examples without their clients' consent.")),
                ]
            },

            new(S("Investment climate meeting in Eastland"), Ago(120), "Eastland", ["province", "chamber", "lakeshore", "harbor"],
                ["liu", "wu", "huang", "fischer"], [incentives],
                S("Meeting on the provincial incentive catalogue and logistics parks."))
            {
                Suggestions =
                [
                    new(null, "harbor", "province", incentives,
                        S("Extend the logistics-park tax incentive to third-party logistics operators."),
                        new Respond(Ago(90), "Will be considered in the revision of the incentive catalogue.")),
                ],
                Commitments =
                [
                    new("province", S("Circulate the revised incentive catalogue."), In(30), null),
                    new("chamber", S("Send the commission a summary of members' logistics-park projects."), Ago(90), null),
                ]
            },

            new(S("Visit to the Riverside investment service centre"), Ago(75), "Riverside",
                ["bureau", "chamber", "ironwood", "meridian"], ["wang", "bennett", "klein", "ezhang"], [incentives, permits],
                S("Visit to the bureau's new service centre for investors."))
            {
                Suggestions =
                [
                    new("one-stop", "ironwood", "bureau", permits,
                        S("Offer a single appointment covering all permits for expansion projects above a size threshold."),
                        new Respond(Ago(40), "The bureau will pilot it."),
                        new Resolve(Ago(10), SuggestionOutcome.Adopted, "Pilot agreed.")),
                ],
                Commitments =
                [
                    new("bureau", S("Pilot a single permit appointment for large expansion projects."), In(10), "one-stop",
                        new Progress(Ago(10), "Pilot agreed in principle; procedures being drafted.")),
                    new("chamber", S("Identify two member projects for the pilot."), Ago(45), null,
                        new Fulfil(Ago(50), null)),
                ]
            },

            new(S("Standards follow-up with the Ministry of Industry and Digital Economy"), Ago(45), "Beijing",
                ["industry", "chamber", "cedar", "ironwood"], ["he", "bennett", "lin", "klein"], [standards],
                S("Follow-up on standards committee membership and draft standards."))
            {
                Suggestions =
                [
                    new(null, "cedar", "industry", standards,
                        S("Publish English summaries of draft semiconductor standards during the comment period.")),
                ],
                Commitments =
                [
                    new("industry", S("Reply on the standards committee's membership rules."), In(7), "committee-rules"),
                    new("chamber", S("Send the department a list of member experts."), Ago(30), null,
                        new Fulfil(Ago(35), null)),
                ]
            },

            new(S("Chilled imports follow-up with the Riverside Customs District"), Ago(20), "Riverside",
                ["customs", "chamber", "lakeshore"], ["zhao", "wu", "huang"], [customs],
                S("Follow-up on the reopened ask about inspection times for chilled imports."))
            {
                Suggestions =
                [
                    new(null, "lakeshore", "customs", customs,
                        S("Publish a contact for urgent inspection escalations during the peak season."),
                        new Respond(Ago(12), "A duty contact will be listed on the district's website.")),
                ],
                Commitments =
                [
                    new("customs", S("Report inspection times for chilled imports over the peak season."), In(20), "chilled-imports"),
                    new("chamber", S("Collect members' clearance-time data for the peak season."), In(5), null),
                ]
            },

            new(S("Pre-budget consultation with the Ministry of Trade and Investment"), Ago(5), "Beijing",
                ["trade", "chamber", "bluestone", "meridian", "summit"], ["chen", "bennett", "reynolds", "ezhang", "park"],
                [marketAccess, incentives],
                S("Consultation ahead of next year's budget and foreign investment measures."))
            {
                Suggestions =
                [
                    new(null, "summit", "trade", marketAccess,
                        S("Clarify licensing for foreign-invested cloud services in the pilot free trade zones.")),
                ],
                Commitments =
                [
                    new("chamber", S("Send the chamber's policy recommendations for next year."), In(21), null),
                    new("trade", S("Meet the chamber's cloud-services working group."), null, null),
                ]
            },
        };

        return new DemoPlan(organizations, people, meetings, postChanges);
    }
}
