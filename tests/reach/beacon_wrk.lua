-- wrk sends beacons as readers' browsers do (POST, a browser's user agent), each from one
-- of 50,000 addresses behind the proxy and for one of the stories in STORIES (comma-separated
-- ids), and prints the summary of tests/bench/wrk_summary.lua.
dofile(os.getenv("WRK_SUMMARY_LUA"))

local stories = {}
for id in string.gmatch(os.getenv("STORIES") or "1", "[^,]+") do
   table.insert(stories, id)
end
local languages = {"vi", "en", "fr", "es", "ru", "zh-hans", "ja", "ko", "ar"}
local referrers = {"", "www.google.com", "www.facebook.com", "feedly.com", "news.example.org"}
local n = 0

request = function()
   n = n + 1
   local path = "/reach/beacon?s=" .. stories[n % #stories + 1] .. "&l=" .. languages[n % 9 + 1]
   local referrer = referrers[n % 5 + 1]
   if referrer ~= "" then
      path = path .. "&r=" .. referrer
   end
   local headers = {
      ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
         "Chrome/131.0.0.0 Safari/537.36",
      ["X-Forwarded-For"] = "198.51." .. (n % 200) .. "." .. (n % 250),
   }
   return wrk.format("POST", path, headers, "")
end
