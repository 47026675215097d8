def test_a_user_logs_in_and_sees_the_home_page(personas, page, login):
    login(personas.arml_coordinator)
    assert page.get_by_test_id("current-user").inner_text() == "Alexia Violet"
    assert page.get_by_role("heading", level=1).inner_text() == "Bonjour Alexia"
