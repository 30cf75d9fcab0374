-- wrk script for bench/webhooks.sh: POSTs a JSON order (~430 bytes, the shape bench/webhooks.py sends) to the
-- source's URL with its secret in X-Nexo-Secret. Every request is a new customer: the e-mail and the phone carry the
-- thread's number and a counter, so each accepted delivery creates a contact (nothing is merged by e-mail or phone).
-- The secret comes from NEXO_WEBHOOK_SECRET. At most 5 threads (the phone's first digit is 5 + thread - 1).

local first = { {"José", "jose"}, {"María", "maria"}, {"Juan", "juan"}, {"Lucía", "lucia"}, {"Martín", "martin"},
  {"Sofía", "sofia"}, {"Diego", "diego"}, {"Valentina", "valentina"}, {"Inés", "ines"}, {"Ramón", "ramon"},
  {"Camila", "camila"}, {"Agustín", "agustin"} }
local last = { {"Núñez", "nunez"}, {"González", "gonzalez"}, {"Rodríguez", "rodriguez"}, {"Fernández", "fernandez"},
  {"López", "lopez"}, {"Muñoz", "munoz"}, {"Pérez", "perez"}, {"Gómez", "gomez"}, {"Díaz", "diaz"}, {"Peña", "pena"},
  {"Ibáñez", "ibanez"} }
local cities = { "Córdoba", "Rosario", "San Miguel de Tucumán", "Mendoza", "La Plata", "Neuquén", "Bahía Blanca" }
local items = { {"LIM-01", "Limpieza dental", 18500}, {"ORT-02", "Control de ortodoncia", 24000},
  {"BLQ-03", "Blanqueamiento", 65000}, {"IMP-04", "Consulta de implantes", 30000}, {"URG-05", "Urgencia", 21000} }
local notes = { "Turno por la mañana", "Prefiere WhatsApp", "Paga con Mercado Pago", "Primera visita", "Viene con su hija" }

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local counter = 0
local headers = {}

function init(args)
  math.randomseed(7919 * (thread_number or 1))
  headers["Content-Type"] = "application/json"
  headers["X-Nexo-Secret"] = os.getenv("NEXO_WEBHOOK_SECRET")
end

function request()
  counter = counter + 1
  local n = thread_number or 1
  local f = first[math.random(#first)]
  local l = last[math.random(#last)]
  local item = items[math.random(#items)]
  local quantity = math.random(3)
  local body = string.format(
    '{"id":"ord_w%d_%07d","event":"order.paid","created_at":"2026-11-23T15:04:05-03:00","status":"paid",'
      .. '"customer":{"first_name":"%s","last_name":"%s","email":"%s.%s.w%d.%d@example.com",'
      .. '"phone":"+54 9 11 %d%03d-%04d","city":"%s","birthday":"%02d/%02d/19%02d"},'
      .. '"items":[{"sku":"%s","name":"%s","quantity":%d,"price":%d}],"total":%d,"currency":"ARS",'
      .. '"payment":"Mercado Pago","notes":"%s"}',
    n, counter, f[1], l[1], f[2], l[2], n, counter,
    4 + n, math.floor(counter / 10000) % 1000, counter % 10000, cities[math.random(#cities)],
    math.random(28), math.random(12), 50 + math.random(49),
    item[1], item[2], quantity, item[3], quantity * item[3], notes[math.random(#notes)])
  return wrk.format("POST", nil, headers, body)
end
